using System.Security.Cryptography;
using Fulmen.Storage.Blobs;
using Fulmen.Storage.Documents;

namespace Fulmen.Storage.PostgreSql;

// TODO: replace with the shared Blobs/FileBlobStore once it lands; this minimal copy only keeps the backend whole.
/// <summary>Blob files under a directory, their size and creation time as documents of the "blobs" collection.</summary>
internal sealed class InterimBlobStore(string directory, IDocumentStore documents, TimeProvider time) : IBlobStore
{
    private const string Collection = "blobs";

    public async Task<BlobInfo> PutAsync(Stream content, long maxBytes = long.MaxValue, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
        long size = 0;
        string key;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
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
                file.Flush(flushToDisk: true);
            }
            key = Convert.ToHexStringLower(hash.GetHashAndReset());
            File.Move(temporary, Path.Combine(directory, key), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        var info = new BlobInfo(key, size, time.GetUtcNow());
        if (await documents.WriteAsync(Collection, key, $"{{\"size\":{size},\"createdAt\":{info.CreatedAt.ToUnixTimeMilliseconds()}}}", 0, cancellationToken) is null)
        {
            return await GetInfoAsync(key, cancellationToken) ?? info;
        }
        return info;
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!IsKey(key) || await documents.GetAsync(Collection, key, cancellationToken) is not { } stored)
        {
            return null;
        }
        using var json = System.Text.Json.JsonDocument.Parse(stored.Json);
        return new BlobInfo(key, json.RootElement.GetProperty("size").GetInt64(),
            DateTimeOffset.FromUnixTimeMilliseconds(json.RootElement.GetProperty("createdAt").GetInt64()));
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        await GetInfoAsync(key, cancellationToken) is null ? null : File.OpenRead(Path.Combine(directory, key));

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!IsKey(key))
        {
            return false;
        }
        var deleted = await documents.DeleteAsync(Collection, key, cancellationToken: cancellationToken);
        File.Delete(Path.Combine(directory, key));
        return deleted;
    }

    /// <summary>Only a SHA-256 in lower-case hex names a file: anything else could walk out of the directory.</summary>
    private static bool IsKey(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);
}
