using System.IO.Compression;
using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Code packages no function should be made from: escaping paths, links, lies in the headers, broken data, bombs.</summary>
internal static class HostileZips
{
    private static readonly Lazy<byte[]> Bomb = new(() => Zip(archive =>
    {
        using var entry = archive.CreateEntry("zeros", CompressionLevel.SmallestSize).Open();
        var zeros = new byte[1 << 20];
        for (var i = 0; i < 300; i++)
        {
            entry.Write(zeros);
        }
    }));

    private static readonly Lazy<byte[]> Crowd = new(() => Zip(archive =>
    {
        for (var i = 0; i < 20_000; i++)
        {
            archive.CreateEntry($"f{i}", CompressionLevel.NoCompression);
        }
    }));

    public static (byte[] Zip, string Label) Generate(Random random) => random.Next(15) switch
    {
        0 => (Entries(("../escaped.js", "x")), "an entry with .."),
        1 => (Entries(("/etc/escaped", "x")), "an absolute entry"),
        2 => (Entries(("index.js", "a"), ("index.js", "b")), "a duplicate entry"),
        3 => (Entries(("a", "file"), ("a/b", "x")), "a file where a directory is"),
        4 => (Symlink(), "a symlink entry pointing out"),
        5 => (Entries((new string('n', 300) + "/x.js", "x")), "an over-long name"),
        6 => (Entries(("dir/", "data in a directory entry")), "a directory entry with data"),
        7 => (Patch(Entries(("index.js", "exports.handler=async()=>1")), "PK\u0003\u0004", 8, 99, "PK\u0001\u0002", 10), "an unsupported compression method"),
        8 => (CorruptDeflate(random), "corrupt deflate data"),
        9 => (Patch(Entries(("index.js", "x")), "PK\u0005\u0006", 10, 5000, null, 0), "an end record that lies about the entries"),
        10 => ([0x50, 0x4b, 0x05, 0x06, .. new byte[18]], "an empty zip"),
        11 => (Entries(("index.js", "exports.handler=async()=>1"))[..40], "a truncated zip"),
        12 => (HostileValues.RandomBytes(random, random.Next(1, 5_000)), "not a zip"),
        13 => (Crowd.Value, "20,000 entries"),
        _ => (Bomb.Value, "300 MB of zeros, deflated"),
    };

    private static byte[] Entries(params (string Name, string Content)[] entries) => Zip(archive =>
    {
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }
    });

    private static byte[] Symlink() => Zip(archive =>
    {
        var link = archive.CreateEntry("escape", CompressionLevel.NoCompression);
        link.ExternalAttributes = unchecked((int)0xA1FF_0000); // S_IFLNK | 0777
        using var stream = link.Open();
        stream.Write("../../../../../../etc"u8);
    });

    private static byte[] CorruptDeflate(Random random)
    {
        var zip = Entries(("index.js", string.Concat(Enumerable.Repeat("exports.handler = async () => 'compressible';\n", 200))));
        for (var i = 40; i < 70; i++)
        {
            zip[i] = (byte)random.Next(256);
        }
        return zip;
    }

    /// <summary>Writes <paramref name="value"/> as 16 bits at an offset after each record signature (local and central headers alike).</summary>
    private static byte[] Patch(byte[] zip, string signature, int offset, int value, string? secondSignature, int secondOffset)
    {
        void At(string sig, int off)
        {
            var bytes = Encoding.Latin1.GetBytes(sig);
            for (var i = 0; i + off + 1 < zip.Length; i++)
            {
                if (zip.AsSpan(i).StartsWith(bytes))
                {
                    zip[i + off] = (byte)value;
                    zip[i + off + 1] = (byte)(value >> 8);
                }
            }
        }
        At(signature, offset);
        if (secondSignature is not null)
        {
            At(secondSignature, secondOffset);
        }
        return zip;
    }

    private static byte[] Zip(Action<ZipArchive> write)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            write(archive);
        }
        return buffer.ToArray();
    }
}
