using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fulmen.Buckets.Content;

/// <summary>
/// MD5's compression function (RFC 1321): on one block, and on sixteen independent streams at once in the lanes of
/// AVX-512 registers (<see cref="Md5Lanes"/>). MD5 is a chain of dependent steps, so one stream cannot go faster than
/// the chain's latency; sixteen streams advance together for about the cost of one.
/// </summary>
internal static class Md5Block
{
    public const int Lanes = 16;

    private static readonly uint[] K = MakeK();
    private static readonly byte[] Shift =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    public static readonly uint[] Initial = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];

    public static bool VectorSupported => Avx512F.IsSupported && BitConverter.IsLittleEndian;

    /// <summary>Which message word step <paramref name="i"/> adds.</summary>
    private static int Word(int i) => (i >> 4) switch
    {
        0 => i,
        1 => (5 * i + 1) & 15,
        2 => (3 * i + 5) & 15,
        _ => (7 * i) & 15,
    };

    /// <summary>One 64-byte block into <paramref name="state"/> (four words).</summary>
    public static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> m = stackalloc uint[16];
        for (var j = 0; j < 16; j++)
        {
            m[j] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * j)..]);
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3];
        for (var i = 0; i < 64; i++)
        {
            var f = (i >> 4) switch
            {
                0 => (b & c) | (~b & d),
                1 => (d & b) | (~d & c),
                2 => b ^ c ^ d,
                _ => c ^ (b | ~d),
            };
            var next = b + BitOperations.RotateLeft(a + f + K[i] + m[Word(i)], Shift[i]);
            a = d;
            d = c;
            c = b;
            b = next;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
    }

    /// <summary>
    /// One block of each of sixteen streams: <paramref name="words"/> holds word j of lane l at <c>[j * 16 + l]</c>,
    /// <paramref name="state"/> word k of lane l at <c>[k * 16 + l]</c>; lanes outside <paramref name="active"/> keep theirs.
    /// </summary>
    public static void Compress16(Span<uint> state, ReadOnlySpan<uint> words, Vector512<uint> active)
    {
        ref var w = ref MemoryMarshal.GetReference(words);
        ref var s = ref MemoryMarshal.GetReference(state);
        var a0 = Vector512.LoadUnsafe(ref s);
        var b0 = Vector512.LoadUnsafe(ref s, 16);
        var c0 = Vector512.LoadUnsafe(ref s, 32);
        var d0 = Vector512.LoadUnsafe(ref s, 48);
        Vector512<uint> a = a0, b = b0, c = c0, d = d0;
        for (var i = 0; i < 16; i++)
        {
            Step(ref a, ref b, ref c, ref d, Avx512F.TernaryLogic(b, c, d, 0xCA), ref w, i);
        }
        for (var i = 16; i < 32; i++)
        {
            Step(ref a, ref b, ref c, ref d, Avx512F.TernaryLogic(b, c, d, 0xE4), ref w, i);
        }
        for (var i = 32; i < 48; i++)
        {
            Step(ref a, ref b, ref c, ref d, Avx512F.TernaryLogic(b, c, d, 0x96), ref w, i);
        }
        for (var i = 48; i < 64; i++)
        {
            Step(ref a, ref b, ref c, ref d, Avx512F.TernaryLogic(b, c, d, 0x39), ref w, i);
        }
        Vector512.ConditionalSelect(active, a0 + a, a0).StoreUnsafe(ref s);
        Vector512.ConditionalSelect(active, b0 + b, b0).StoreUnsafe(ref s, 16);
        Vector512.ConditionalSelect(active, c0 + c, c0).StoreUnsafe(ref s, 32);
        Vector512.ConditionalSelect(active, d0 + d, d0).StoreUnsafe(ref s, 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector512<uint> a, ref Vector512<uint> b, ref Vector512<uint> c, ref Vector512<uint> d, Vector512<uint> f, ref uint w, int i)
    {
        var sum = a + f + Vector512.Create(K[i]) + Vector512.LoadUnsafe(ref w, (nuint)(Word(i) * Lanes));
        var next = b + Avx512F.RotateLeftVariable(sum, Vector512.Create((uint)Shift[i]));
        a = d;
        d = c;
        c = b;
        b = next;
    }

    private static uint[] MakeK()
    {
        var k = new uint[64];
        for (var i = 0; i < 64; i++)
        {
            k[i] = (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0);
        }
        return k;
    }
}
