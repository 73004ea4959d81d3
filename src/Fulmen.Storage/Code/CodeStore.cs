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
    private readonly CodePackageLimits _limits;
    private readonly TimeProvider _time;

    public CodeStore(string dataDirectory, IBlobStore blobs, CodePackageLimits? limits = null, TimeProvider? time = null)
    {
        _root = Path.Combine(dataDirectory, "code");
        _blobs = blobs;
        _limits = limits ?? new CodePackageLimits();
        _time = time ?? TimeProvider.System;
        Directory.CreateDirectory(_root);
    }

    /// <summary>
    /// Stores and unpacks a zip; throws <see cref="InvalidCodePackageException"/> with AWS's message when it is unusable.
    /// Every check happens here, once, so the caller of the API hears of a bad package, not a later cold start.
    /// </summary>
    public async Task<CodePackage> SaveAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        BlobInfo blob;
        try
        {
            blob = await _blobs.PutAsync(zip, _limits.MaxZippedBytes, cancellationToken);
        }
        catch (BlobTooLargeException)
        {
            throw InvalidCodePackageException.ZippedTooLarge(_limits.MaxZippedBytes);
        }
        var directory = Path.Combine(_root, blob.Key);
        if (!Directory.Exists(directory))
        {
            try
            {
                await using var stored = await _blobs.OpenReadAsync(blob.Key, cancellationToken)
                    ?? throw new InvalidOperationException($"Blob {blob.Key} vanished while it was being unpacked.");
                Unpack(stored, blob.Key, directory, cancellationToken);
            }
            catch (InvalidCodePackageException)
            {
                // No function can name code that never unpacked, so its zip is not kept either.
                await _blobs.DeleteAsync(blob.Key, CancellationToken.None);
                throw;
            }
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

    /// <summary>Unpacks into a staging directory and moves it into place whole, so a reader never sees half a package.</summary>
    private void Unpack(Stream zip, string key, string directory, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(_root, $".{key}.{Guid.NewGuid():N}");
        PackageUnpacker.Unpack(zip, staging, _limits, _time, cancellationToken);
        try
        {
            Directory.Move(staging, directory);
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            // Another upload of the same bytes won the race; its copy is identical.
            PackageDirectories.Delete(staging);
        }
        catch
        {
            PackageDirectories.Delete(staging);
            throw;
        }
    }
}
