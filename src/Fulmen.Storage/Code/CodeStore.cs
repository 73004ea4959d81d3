using System.IO.Compression;
using Fulmen.Storage.Blobs;

namespace Fulmen.Storage.Code;

/// <summary>
/// Deployment packages, keyed by content hash: the zip as uploaded is a blob, and a read-only unpacked copy under
/// <c>code/</c> is shared by every execution environment of that code. Identical uploads are stored once.
/// </summary>
public sealed class CodeStore
{
    public const long MaxZippedBytes = 52_428_800;
    public const long MaxUnzippedBytes = 262_144_000;

    private readonly string _root;
    private readonly IBlobStore _blobs;

    public CodeStore(string dataDirectory, IBlobStore blobs)
    {
        _root = Path.Combine(dataDirectory, "code");
        _blobs = blobs;
        Directory.CreateDirectory(_root);
    }

    /// <summary>Stores and unpacks a zip; throws <see cref="InvalidCodePackageException"/> with AWS's message when it is unusable.</summary>
    public async Task<CodePackage> SaveAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        BlobInfo blob;
        try
        {
            blob = await _blobs.PutAsync(zip, MaxZippedBytes, cancellationToken);
        }
        catch (BlobTooLargeException)
        {
            throw new InvalidCodePackageException($"Zipped size must be smaller than {MaxZippedBytes} bytes", tooLarge: true);
        }
        var directory = Path.Combine(_root, blob.Key);
        if (!Directory.Exists(directory))
        {
            await using var stored = await _blobs.OpenReadAsync(blob.Key, cancellationToken)
                ?? throw new InvalidOperationException($"Blob {blob.Key} vanished while it was being unpacked.");
            Unpack(stored, blob.Key, directory);
        }
        return new CodePackage(Convert.ToBase64String(Convert.FromHexString(blob.Key)), blob.Size, directory);
    }

    /// <summary>The unpacked directory of a package stored earlier, or null when it is gone.</summary>
    public string? Find(string codeSha256)
    {
        var directory = Path.Combine(_root, KeyOf(codeSha256));
        return Directory.Exists(directory) ? directory : null;
    }

    /// <summary>The zip of a package stored earlier, as uploaded, or null when it is gone.</summary>
    public Task<Stream?> OpenZipAsync(string codeSha256, CancellationToken cancellationToken = default) =>
        _blobs.OpenReadAsync(KeyOf(codeSha256), cancellationToken);

    /// <summary>AWS reports the hash as base64; blobs are keyed by its lower-case hex.</summary>
    private static string KeyOf(string codeSha256) => Convert.ToHexStringLower(Convert.FromBase64String(codeSha256));

    private void Unpack(Stream zip, string key, string directory)
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

    private static ZipArchive OpenArchive(Stream zip)
    {
        try
        {
            return new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
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
