using System.Runtime.Intrinsics.X86;

namespace Fulmen.Buckets.Content;

/// <summary>CRC-32C (Castagnoli), which System.IO.Hashing lacks: SSE 4.2's instruction where the CPU has it, else a table.</summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78; // reflected
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues <paramref name="crc"/> (start with all ones; the value is its complement).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong wide = crc;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BitConverter.ToUInt64(data));
                data = data[8..];
            }
            crc = (uint)wide;
            foreach (var b in data)
            {
                crc = Sse42.Crc32(crc, b);
            }
            return crc;
        }
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}

/// <summary>CRC-64/NVME, S3's default full-object checksum: reflected, all-ones start and end, by a slice-by-8 table.</summary>
internal static class Crc64Nvme
{
    private const ulong Polynomial = 0x9A6C9329AC4BC9B5; // reflected
    private static readonly ulong[][] Tables = BuildTables();

    public static ulong Update(ulong crc, ReadOnlySpan<byte> data)
    {
        var t = Tables;
        while (data.Length >= 8)
        {
            crc ^= BitConverter.ToUInt64(data);
            crc = t[7][crc & 0xFF] ^ t[6][(crc >> 8) & 0xFF] ^ t[5][(crc >> 16) & 0xFF] ^ t[4][(crc >> 24) & 0xFF]
                ^ t[3][(crc >> 32) & 0xFF] ^ t[2][(crc >> 40) & 0xFF] ^ t[1][(crc >> 48) & 0xFF] ^ t[0][crc >> 56];
            data = data[8..];
        }
        foreach (var b in data)
        {
            crc = t[0][(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static ulong[][] BuildTables()
    {
        var tables = new ulong[8][];
        tables[0] = new ulong[256];
        for (ulong i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }
            tables[0][i] = c;
        }
        for (var n = 1; n < 8; n++)
        {
            tables[n] = new ulong[256];
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[n - 1][i];
                tables[n][i] = tables[0][previous & 0xFF] ^ (previous >> 8);
            }
        }
        return tables;
    }
}
