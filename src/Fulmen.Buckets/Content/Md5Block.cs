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
        // Unrolled with constant rounds, shifts and word offsets, the constant and word added first: the chain from one
        // step to the next is then four instructions (ternary logic, add, rotate, add).
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xd76aa478u) + W(ref w, 0) + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xe8c7b756u) + W(ref w, 1) + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x242070dbu) + W(ref w, 2) + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xc1bdceeeu) + W(ref w, 3) + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf57c0fafu) + W(ref w, 4) + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x4787c62au) + W(ref w, 5) + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xa8304613u) + W(ref w, 6) + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xfd469501u) + W(ref w, 7) + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x698098d8u) + W(ref w, 8) + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x8b44f7afu) + W(ref w, 9) + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xffff5bb1u) + W(ref w, 10) + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x895cd7beu) + W(ref w, 11) + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x6b901122u) + W(ref w, 12) + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xfd987193u) + W(ref w, 13) + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xa679438eu) + W(ref w, 14) + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x49b40821u) + W(ref w, 15) + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf61e2562u) + W(ref w, 1) + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xc040b340u) + W(ref w, 6) + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x265e5a51u) + W(ref w, 11) + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xe9b6c7aau) + W(ref w, 0) + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xd62f105du) + W(ref w, 5) + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x02441453u) + W(ref w, 10) + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xd8a1e681u) + W(ref w, 15) + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xe7d3fbc8u) + W(ref w, 4) + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x21e1cde6u) + W(ref w, 9) + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xc33707d6u) + W(ref w, 14) + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xf4d50d87u) + W(ref w, 3) + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x455a14edu) + W(ref w, 8) + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xa9e3e905u) + W(ref w, 13) + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xfcefa3f8u) + W(ref w, 2) + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x676f02d9u) + W(ref w, 7) + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x8d2a4c8au) + W(ref w, 12) + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xfffa3942u) + W(ref w, 5) + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x8771f681u) + W(ref w, 8) + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x6d9d6122u) + W(ref w, 11) + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xfde5380cu) + W(ref w, 14) + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xa4beea44u) + W(ref w, 1) + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x4bdecfa9u) + W(ref w, 4) + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xf6bb4b60u) + W(ref w, 7) + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xbebfbc70u) + W(ref w, 10) + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x289b7ec6u) + W(ref w, 13) + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xeaa127fau) + W(ref w, 0) + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xd4ef3085u) + W(ref w, 3) + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x04881d05u) + W(ref w, 6) + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xd9d4d039u) + W(ref w, 9) + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xe6db99e5u) + W(ref w, 12) + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x1fa27cf8u) + W(ref w, 15) + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xc4ac5665u) + W(ref w, 2) + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf4292244u) + W(ref w, 0) + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x432aff97u) + W(ref w, 7) + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xab9423a7u) + W(ref w, 14) + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xfc93a039u) + W(ref w, 5) + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x655b59c3u) + W(ref w, 12) + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x8f0ccc92u) + W(ref w, 3) + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xffeff47du) + W(ref w, 10) + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x85845dd1u) + W(ref w, 1) + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x6fa87e4fu) + W(ref w, 8) + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xfe2ce6e0u) + W(ref w, 15) + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xa3014314u) + W(ref w, 6) + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x4e0811a1u) + W(ref w, 13) + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf7537e82u) + W(ref w, 4) + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xbd3af235u) + W(ref w, 11) + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x2ad7d2bbu) + W(ref w, 2) + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xeb86d391u) + W(ref w, 9) + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        Vector512.ConditionalSelect(active, a0 + a, a0).StoreUnsafe(ref s);
        Vector512.ConditionalSelect(active, b0 + b, b0).StoreUnsafe(ref s, 16);
        Vector512.ConditionalSelect(active, c0 + c, c0).StoreUnsafe(ref s, 32);
        Vector512.ConditionalSelect(active, d0 + d, d0).StoreUnsafe(ref s, 48);
    }

    /// <summary>Puts a 64-byte block's sixteen words in lane <paramref name="lane"/> of <paramref name="words"/> (word j at <c>[j * 16 + lane]</c>).</summary>
    public static void Transpose(uint[] words, int lane, ReadOnlySpan<byte> block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(block.Length, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lane, Lanes - 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(words.Length, 16 * Lanes);
        ref var source = ref MemoryMarshal.GetReference(block);
        ref var target = ref words[lane];
        for (var j = 0; j < 16; j++)
        {
            Unsafe.Add(ref target, j * Lanes) = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, 4 * j));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> W(ref uint words, int j) => Vector512.LoadUnsafe(ref words, (nuint)(j * Lanes));

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
