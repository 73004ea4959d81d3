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
    /// One block of each of sixteen streams: <paramref name="rows"/> holds word j of lane l at <c>[l * 16 + j]</c>,
    /// <paramref name="state"/> word k of lane l at <c>[k * 16 + l]</c>; lanes outside <paramref name="active"/> keep theirs.
    /// </summary>
    public static void Compress16(Span<uint> state, ReadOnlySpan<uint> rows, Vector512<uint> active)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Length, 16 * Lanes);
        ArgumentOutOfRangeException.ThrowIfLessThan(state.Length, 4 * Lanes);
        ref var r = ref MemoryMarshal.GetReference(rows);
        ref var s = ref MemoryMarshal.GetReference(state);
        // The lanes' blocks are rows (lane l's sixteen words at [l * 16]); the steps need columns (word j of every
        // lane): a 16×16 transpose in registers, 32-bit then 64-bit interleaves within 128-bit lanes, then two
        // shuffles of 128-bit lanes.
        var (u0, u1, u2, u3) = Interleave(ref r, 0);
        var (u4, u5, u6, u7) = Interleave(ref r, 4);
        var (u8, u9, u10, u11) = Interleave(ref r, 8);
        var (u12, u13, u14, u15) = Interleave(ref r, 12);
        var (w0, w4, w8, w12) = Columns(u0, u4, u8, u12);
        var (w1, w5, w9, w13) = Columns(u1, u5, u9, u13);
        var (w2, w6, w10, w14) = Columns(u2, u6, u10, u14);
        var (w3, w7, w11, w15) = Columns(u3, u7, u11, u15);
        var a0 = Vector512.LoadUnsafe(ref s);
        var b0 = Vector512.LoadUnsafe(ref s, 16);
        var c0 = Vector512.LoadUnsafe(ref s, 32);
        var d0 = Vector512.LoadUnsafe(ref s, 48);
        Vector512<uint> a = a0, b = b0, c = c0, d = d0;
        // Unrolled with constant rounds, shifts and word offsets, the constant and word added first: the chain from one
        // step to the next is then four instructions (ternary logic, add, rotate, add).
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xd76aa478u) + w0 + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xe8c7b756u) + w1 + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x242070dbu) + w2 + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xc1bdceeeu) + w3 + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf57c0fafu) + w4 + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x4787c62au) + w5 + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xa8304613u) + w6 + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xfd469501u) + w7 + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x698098d8u) + w8 + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x8b44f7afu) + w9 + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xffff5bb1u) + w10 + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x895cd7beu) + w11 + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x6b901122u) + w12 + Avx512F.TernaryLogic(b, c, d, 0xCA), 7);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xfd987193u) + w13 + Avx512F.TernaryLogic(a, b, c, 0xCA), 12);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xa679438eu) + w14 + Avx512F.TernaryLogic(d, a, b, 0xCA), 17);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x49b40821u) + w15 + Avx512F.TernaryLogic(c, d, a, 0xCA), 22);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf61e2562u) + w1 + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xc040b340u) + w6 + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x265e5a51u) + w11 + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xe9b6c7aau) + w0 + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xd62f105du) + w5 + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x02441453u) + w10 + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xd8a1e681u) + w15 + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xe7d3fbc8u) + w4 + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x21e1cde6u) + w9 + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xc33707d6u) + w14 + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xf4d50d87u) + w3 + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x455a14edu) + w8 + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xa9e3e905u) + w13 + Avx512F.TernaryLogic(b, c, d, 0xE4), 5);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xfcefa3f8u) + w2 + Avx512F.TernaryLogic(a, b, c, 0xE4), 9);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x676f02d9u) + w7 + Avx512F.TernaryLogic(d, a, b, 0xE4), 14);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x8d2a4c8au) + w12 + Avx512F.TernaryLogic(c, d, a, 0xE4), 20);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xfffa3942u) + w5 + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x8771f681u) + w8 + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x6d9d6122u) + w11 + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xfde5380cu) + w14 + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xa4beea44u) + w1 + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x4bdecfa9u) + w4 + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xf6bb4b60u) + w7 + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xbebfbc70u) + w10 + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x289b7ec6u) + w13 + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xeaa127fau) + w0 + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xd4ef3085u) + w3 + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x04881d05u) + w6 + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xd9d4d039u) + w9 + Avx512F.TernaryLogic(b, c, d, 0x96), 4);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xe6db99e5u) + w12 + Avx512F.TernaryLogic(a, b, c, 0x96), 11);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x1fa27cf8u) + w15 + Avx512F.TernaryLogic(d, a, b, 0x96), 16);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xc4ac5665u) + w2 + Avx512F.TernaryLogic(c, d, a, 0x96), 23);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf4292244u) + w0 + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x432aff97u) + w7 + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xab9423a7u) + w14 + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xfc93a039u) + w5 + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x655b59c3u) + w12 + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0x8f0ccc92u) + w3 + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xffeff47du) + w10 + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x85845dd1u) + w1 + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0x6fa87e4fu) + w8 + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xfe2ce6e0u) + w15 + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0xa3014314u) + w6 + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0x4e0811a1u) + w13 + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        a = b + Avx512F.RotateLeft(a + Vector512.Create(0xf7537e82u) + w4 + Avx512F.TernaryLogic(b, c, d, 0x39), 6);
        d = a + Avx512F.RotateLeft(d + Vector512.Create(0xbd3af235u) + w11 + Avx512F.TernaryLogic(a, b, c, 0x39), 10);
        c = d + Avx512F.RotateLeft(c + Vector512.Create(0x2ad7d2bbu) + w2 + Avx512F.TernaryLogic(d, a, b, 0x39), 15);
        b = c + Avx512F.RotateLeft(b + Vector512.Create(0xeb86d391u) + w9 + Avx512F.TernaryLogic(c, d, a, 0x39), 21);
        Vector512.ConditionalSelect(active, a0 + a, a0).StoreUnsafe(ref s);
        Vector512.ConditionalSelect(active, b0 + b, b0).StoreUnsafe(ref s, 16);
        Vector512.ConditionalSelect(active, c0 + c, c0).StoreUnsafe(ref s, 32);
        Vector512.ConditionalSelect(active, d0 + d, d0).StoreUnsafe(ref s, 48);
    }

    /// <summary>
    /// Rows <paramref name="first"/>..+3 interleaved: in each 128-bit lane k, the four results hold words 4k, 4k+1,
    /// 4k+2 and 4k+3 of those four rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>) Interleave(ref uint rows, int first)
    {
        var r0 = Vector512.LoadUnsafe(ref rows, (nuint)(first * Lanes));
        var r1 = Vector512.LoadUnsafe(ref rows, (nuint)((first + 1) * Lanes));
        var r2 = Vector512.LoadUnsafe(ref rows, (nuint)((first + 2) * Lanes));
        var r3 = Vector512.LoadUnsafe(ref rows, (nuint)((first + 3) * Lanes));
        var t0 = Avx512F.UnpackLow(r0, r1).AsUInt64();
        var t1 = Avx512F.UnpackHigh(r0, r1).AsUInt64();
        var t2 = Avx512F.UnpackLow(r2, r3).AsUInt64();
        var t3 = Avx512F.UnpackHigh(r2, r3).AsUInt64();
        return (Avx512F.UnpackLow(t0, t2).AsUInt32(), Avx512F.UnpackHigh(t0, t2).AsUInt32(), Avx512F.UnpackLow(t1, t3).AsUInt32(), Avx512F.UnpackHigh(t1, t3).AsUInt32());
    }

    /// <summary>From the same word position of the four row groups, the words of all sixteen rows in 128-bit lanes 0..3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>) Columns(Vector512<uint> g0, Vector512<uint> g1, Vector512<uint> g2, Vector512<uint> g3)
    {
        var v0 = Avx512F.Shuffle4x128(g0, g1, 0x44);
        var v1 = Avx512F.Shuffle4x128(g0, g1, 0xEE);
        var v2 = Avx512F.Shuffle4x128(g2, g3, 0x44);
        var v3 = Avx512F.Shuffle4x128(g2, g3, 0xEE);
        return (Avx512F.Shuffle4x128(v0, v2, 0x88), Avx512F.Shuffle4x128(v0, v2, 0xDD), Avx512F.Shuffle4x128(v1, v3, 0x88), Avx512F.Shuffle4x128(v1, v3, 0xDD));
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
