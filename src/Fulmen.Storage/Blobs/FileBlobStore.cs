using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fulmen.Storage.Documents;

namespace Fulmen.Storage.Blobs;

/// <summary>
/// Blobs as files under one directory (<c>ab/abcdef…</c> by key), their metadata as documents of the collection
/// <c>blobs</c>: the same on every backend. A blob is written to a temporary file while it is hashed and counted,
/// then moved into place, so a reader never sees half a blob and two uploads of the same bytes end in one file.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    public const string Collection = "blobs";
    private const int BufferSize = 81920;
    private readonly string _root;
    private readonly DocumentCollection<BlobMetadata> _metadata;
    private readonly TimeProvider _time;

    public FileBlobStore(string directory, IDocumentStore documents, TimeProvider time)
    {
        _root = directory;
        _metadata = new DocumentCollection<BlobMetadata>(documents, Collection, BlobJsonContext.Default.BlobMetadata);
        _time = time;
        Directory.CreateDirectory(_root);
    }

    public async Task<BlobInfo> PutAsync(Stream content, long maxBytes = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var temporary = Path.Combine(_root, $".upload-{Guid.NewGuid():N}");
        try
        {
            string key;
            long size = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                key = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            var path = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path))
            {
                File.Delete(temporary); // the same bytes are stored already
            }
            else
            {
                File.Move(temporary, path, overwrite: true);
            }
            var metadata = new BlobMetadata(size, _time.GetUtcNow());
            var (stored, _) = await _metadata.ChangeAsync(key,
                current => current is null ? DocumentChange.Put(metadata, true) : DocumentChange.Keep<BlobMetadata, bool>(false), cancellationToken);
            return new BlobInfo(key, stored!.Value.Size, stored.Value.CreatedAt);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) =>
        IsKey(key) && await _metadata.GetAsync(key, cancellationToken) is { } stored
            ? new BlobInfo(key, stored.Value.Size, stored.Value.CreatedAt)
            : null;

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!IsKey(key))
        {
            return Task.FromResult<Stream?>(null);
        }
        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!IsKey(key))
        {
            return false;
        }
        var deleted = await _metadata.DeleteAsync(key, cancellationToken: cancellationToken);
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
            deleted = true;
        }
        return deleted;
    }

    private string PathOf(string key) => Path.Combine(_root, key[..2], key);

    /// <summary>64 lower-case hex digits: anything else names no blob (and never a path outside the directory).</summary>
    private static bool IsKey(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);
}

internal sealed record BlobMetadata(long Size, DateTimeOffset CreatedAt);

[JsonSerializable(typeof(BlobMetadata))]
internal sealed partial class BlobJsonContext : JsonSerializerContext;
