using System.IO.Compression;
using System.Security.Cryptography;

namespace Fulmen.Storage.Code;

/// <summary>
/// Deployment packages on disk, keyed by content hash: the zip as uploaded and a read-only unpacked
/// copy that every execution environment of that code shares. Identical uploads are stored once.
/// </summary>
public sealed class CodeStore
{
    public const long MaxZippedBytes = 52_428_800;
    public const long MaxUnzippedBytes = 262_144_000;

    private readonly string _root;

    public CodeStore(string dataDirectory)
    {
        _root = Path.Combine(dataDirectory, "code");
        Directory.CreateDirectory(_root);
    }

    /// <summary>Stores and unpacks a zip; throws <see cref="InvalidCodePackageException"/> with AWS's message when it is unusable.</summary>
    public CodePackage Save(byte[] zip)
    {
        if (zip.LongLength > MaxZippedBytes)
        {
            throw new InvalidCodePackageException($"Zipped size must be smaller than {MaxZippedBytes} bytes", tooLarge: true);
        }
        var hash = SHA256.HashData(zip);
        var key = Convert.ToHexStringLower(hash);
        var directory = Path.Combine(_root, key);
        if (!Directory.Exists(directory))
        {
            Unpack(zip, key, directory);
        }
        return new CodePackage(Convert.ToBase64String(hash), zip.LongLength, directory);
    }

    /// <summary>The unpacked directory of a package stored earlier, or null when it is gone.</summary>
    public string? Find(string codeSha256)
    {
        var directory = Path.Combine(_root, Convert.ToHexStringLower(Convert.FromBase64String(codeSha256)));
        return Directory.Exists(directory) ? directory : null;
    }

    /// <summary>The zip of a package stored earlier, as uploaded, or null when it is gone.</summary>
    public string? FindZip(string codeSha256)
    {
        var zip = Path.Combine(_root, Convert.ToHexStringLower(Convert.FromBase64String(codeSha256)) + ".zip");
        return File.Exists(zip) ? zip : null;
    }

    private void Unpack(byte[] zip, string key, string directory)
    {
        var staging = Path.Combine(_root, $".{key}.{Guid.NewGuid():N}");
        try
        {
            using (var archive = OpenArchive(zip))
            {
                long unzipped = 0;
                foreach (var entry in archive.Entries)
                {
                    unzipped += entry.Length;
                }
                if (unzipped > MaxUnzippedBytes)
                {
                    throw new InvalidCodePackageException($"Unzipped size must be smaller than {MaxUnzippedBytes} bytes");
                }
                archive.ExtractToDirectory(staging);
            }
            File.WriteAllBytes(Path.Combine(_root, key + ".zip"), zip);
            MakeReadOnly(staging);
            try
            {
                Directory.Move(staging, directory);
            }
            catch (IOException) when (Directory.Exists(directory))
            {
                // Another upload of the same bytes won the race; its copy is identical.
                DeleteTree(staging);
            }
        }
        catch
        {
            DeleteTree(staging);
            throw;
        }
    }

    private static ZipArchive OpenArchive(byte[] zip)
    {
        try
        {
            return new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new InvalidCodePackageException("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }

    /// <summary>Code is shared by environments, so nobody may write to it; execute bits from the zip are kept.</summary>
    private static void MakeReadOnly(string directory)
    {
        const UnixFileMode Writable = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, (File.GetUnixFileMode(file) | Readable) & ~Writable);
        }
        foreach (var dir in Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Prepend(directory))
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private static void DeleteTree(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
