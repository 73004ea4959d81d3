namespace Fulmen.Storage.Blobs;

/// <summary>
/// Content-addressed files: the key is the SHA-256 of the bytes (lower-case hex), so identical content is kept
/// once. Content is streamed in and out, never held whole in memory; the files live under the data directory,
/// their metadata in the store.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream's bytes (at most <paramref name="maxBytes"/>, else <see cref="BlobTooLargeException"/>).</summary>
    Task<BlobInfo> PutAsync(Stream content, long maxBytes = long.MaxValue, CancellationToken cancellationToken = default);

    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The blob's bytes to read, or null when it is not stored.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}

public sealed record BlobInfo(string Key, long Size, DateTimeOffset CreatedAt);

public sealed class BlobTooLargeException(long maxBytes) : Exception($"The content is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
