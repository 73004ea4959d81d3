using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Fulmen.Storage.Tests.Code;

/// <summary>A zip entry to write: its name, text, Unix mode (0 for none) and compression.</summary>
public sealed record ZipItem(string Name, string Text = "", int Mode = 0x81A4, bool Compress = true)
{
    public static ZipItem File(string name, string text = "x") => new(name, text);

    public static ZipItem Directory(string name) => new(name, "", 0x41ED);

    public static ZipItem Link(string name, string target) => new(name, target, 0xA1FF, Compress: false);
}

/// <summary>Builds packages, good and hostile, in memory; and patches the raw bytes System.IO.Compression will not write.</summary>
public static class TestZips
{
    public const uint LocalHeader = 0x04034b50;
    public const uint CentralHeader = 0x02014b50;
    public const uint EndOfCentralDirectory = 0x06054b50;

    public static byte[] Create(params ZipItem[] items)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var item in items)
            {
                var entry = archive.CreateEntry(item.Name, item.Compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                entry.ExternalAttributes = item.Mode << 16;
                if (item.Text.Length > 0)
                {
                    using var stream = entry.Open();
                    stream.Write(Encoding.UTF8.GetBytes(item.Text));
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>One entry of <paramref name="size"/> zero bytes, deflated (a thousand to one).</summary>
    public static byte[] Zeros(string name, long size)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
            var chunk = new byte[1 << 20];
            for (long written = 0; written < size; written += chunk.Length)
            {
                stream.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The offset of the <paramref name="index"/>th record with <paramref name="signature"/>.</summary>
    public static int Find(byte[] zip, uint signature, int index = 0)
    {
        for (var offset = 0; offset <= zip.Length - 4; offset++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(offset)) == signature && index-- == 0)
            {
                return offset;
            }
        }
        throw new InvalidOperationException($"No record {signature:x8} #{index}.");
    }

    public static void PutUInt16(byte[] zip, int offset, int value) => BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(offset), (ushort)value);

    public static void PutUInt32(byte[] zip, int offset, long value) => BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(offset), (uint)value);

    /// <summary>Sets the compression method of the first entry in both its headers.</summary>
    public static byte[] WithMethod(byte[] zip, int method)
    {
        var copy = (byte[])zip.Clone();
        PutUInt16(copy, Find(copy, LocalHeader) + 8, method);
        PutUInt16(copy, Find(copy, CentralHeader) + 10, method);
        return copy;
    }

    /// <summary>Sets the uncompressed size the first entry declares, in both its headers.</summary>
    public static byte[] WithDeclaredSize(byte[] zip, long size)
    {
        var copy = (byte[])zip.Clone();
        PutUInt32(copy, Find(copy, LocalHeader) + 22, size);
        PutUInt32(copy, Find(copy, CentralHeader) + 24, size);
        return copy;
    }
}
