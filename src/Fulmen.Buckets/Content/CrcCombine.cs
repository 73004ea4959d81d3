using System.Buffers.Binary;

namespace Fulmen.Buckets.Content;

/// <summary>
/// The CRC of two byte strings joined, from their CRCs and the second one's length (zlib's <c>crc32_combine</c>, for any
/// reflected CRC whose initial value and final XOR are all ones: CRC32, CRC32C, CRC64NVME). A multipart upload's
/// FULL_OBJECT checksum is so made from its parts' checksums, without reading the parts again, as S3 does.
/// </summary>
public static class CrcCombine
{
    private const ulong Crc32 = 0xEDB88320;
    private const ulong Crc32C = 0x82F63B78;
    private const ulong Crc64Nvme = 0x9A6C9329AC4BC9B5;

    /// <summary>
    /// The whole's checksum (S3's byte order, big-endian) from the parts' checksums (the same) and lengths, in order;
    /// null when <paramref name="algorithm"/> is not a CRC.
    /// </summary>
    public static byte[]? Combine(ChecksumAlgorithm algorithm, IReadOnlyList<(byte[] Crc, long Length)> parts)
    {
        var (polynomial, width) = algorithm switch
        {
            ChecksumAlgorithm.Crc32 => (Crc32, 32),
            ChecksumAlgorithm.Crc32C => (Crc32C, 32),
            ChecksumAlgorithm.Crc64Nvme => (Crc64Nvme, 64),
            _ => (0UL, 0),
        };
        if (width == 0)
        {
            return null;
        }
        var crc = 0UL; // the CRC of no bytes, for all of these
        foreach (var (value, length) in parts)
        {
            var next = width == 32 ? BinaryPrimitives.ReadUInt32BigEndian(value) : BinaryPrimitives.ReadUInt64BigEndian(value);
            crc = Multiply(XPower8N(length, polynomial, width), crc, polynomial, width) ^ next;
        }
        var result = new byte[width / 8];
        if (width == 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result, (uint)crc);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(result, crc);
        }
        return result;
    }

    /// <summary>a·b modulo the polynomial, both in the reflected bit order (the top bit is x^0).</summary>
    private static ulong Multiply(ulong a, ulong b, ulong polynomial, int width)
    {
        var m = 1UL << (width - 1);
        var product = 0UL;
        while (a != 0)
        {
            if ((a & m) != 0)
            {
                product ^= b;
                a ^= m;
            }
            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ polynomial : b >> 1;
        }
        return product;
    }

    /// <summary>x^(8·<paramref name="bytes"/>) modulo the polynomial: squarings of x, one per bit of the bit count.</summary>
    private static ulong XPower8N(long bytes, ulong polynomial, int width)
    {
        var power = 1UL << (width - 1); // x^0
        var square = 1UL << (width - 2); // x^1
        for (var bits = (ulong)bytes * 8; bits != 0; bits >>= 1)
        {
            if ((bits & 1) != 0)
            {
                power = Multiply(square, power, polynomial, width);
            }
            square = Multiply(square, square, polynomial, width);
        }
        return power;
    }
}
