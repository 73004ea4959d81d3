using System.Security.Cryptography;
using Fulmen.Storage.Blobs;

namespace Fulmen.Storage.Tests.Contract;

/// <summary><see cref="IBlobStore"/>: content-addressed bytes, streamed in and out, size limits, keys that are never paths.</summary>
public abstract class BlobStoreContract : StorageContract
{
    private IBlobStore Blobs => Backend.Blobs;

    [Fact]
    public async Task PutAsync_Bytes_ReturnsTheirSha256HexKeyAndSize()
    {
        var bytes = Content(1000, seed: 1);

        var info = await PutAsync(bytes);

        Assert.Equal(new BlobInfo(KeyOf(bytes), 1000, Start), info);
        Assert.Matches("^[0-9a-f]{64}$", info.Key);
        Assert.Equal(info, await Blobs.GetInfoAsync(info.Key));
    }

    [Fact]
    public async Task PutAsync_Empty_StoresTheEmptyBlob()
    {
        var info = await PutAsync([]);

        Assert.Equal(new BlobInfo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0, Start), info);
        Assert.Empty(await ReadAsync(info.Key));
    }

    [Fact]
    public async Task PutAsync_SameBytesTwice_ReturnsTheSameKeyAndKeepsTheFirstInfo()
    {
        var bytes = Content(5000, seed: 2);
        var first = await PutAsync(bytes);
        Time.Advance(TimeSpan.FromMinutes(5));

        var second = await PutAsync(bytes);

        Assert.Equal(first, second);
        Assert.Equal(first, await Blobs.GetInfoAsync(first.Key));
        Assert.Equal(bytes, await ReadAsync(first.Key));
    }

    [Fact]
    public async Task PutAsync_SameBytesConcurrently_AllGetTheSameKeyAndOneReadableBlob()
    {
        var bytes = Content(200_000, seed: 3);

        var infos = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PutAsync(bytes))));

        Assert.All(infos, info => Assert.Equal(new BlobInfo(KeyOf(bytes), bytes.Length, Start), info));
        Assert.Equal(bytes, await ReadAsync(KeyOf(bytes)));
    }

    [Fact]
    public async Task OpenReadAsync_StoredBlob_StreamsTheBytesBack()
    {
        var bytes = Content(1_000_003, seed: 4); // several buffers, not a multiple of any
        var info = await Blobs.PutAsync(new ChunkedStream(bytes, chunk: 7919));

        Assert.Equal(bytes.Length, info.Size);
        Assert.Equal(bytes, await ReadAsync(info.Key));
    }

    [Fact]
    public async Task PutAsync_OverMaxBytes_ThrowsAndStoresNothing()
    {
        var bytes = Content(4097, seed: 5);

        var thrown = await Assert.ThrowsAsync<BlobTooLargeException>(() => Blobs.PutAsync(new MemoryStream(bytes), maxBytes: 4096));

        Assert.Equal(4096, thrown.MaxBytes);
        Assert.Null(await Blobs.GetInfoAsync(KeyOf(bytes)));
        Assert.Null(await Blobs.OpenReadAsync(KeyOf(bytes)));
        Assert.False(await Blobs.DeleteAsync(KeyOf(bytes)));
    }

    [Fact]
    public async Task PutAsync_ExactlyMaxBytes_Stores()
    {
        var bytes = Content(4096, seed: 6);

        var info = await Blobs.PutAsync(new MemoryStream(bytes), maxBytes: 4096);

        Assert.Equal(4096, info.Size);
        Assert.Equal(bytes, await ReadAsync(info.Key));
    }

    [Fact]
    public async Task DeleteAsync_StoredBlob_RemovesItAndASecondDeleteReturnsFalse()
    {
        var kept = await PutAsync(Content(100, seed: 7));
        var deleted = await PutAsync(Content(100, seed: 8));

        Assert.True(await Blobs.DeleteAsync(deleted.Key));

        Assert.Null(await Blobs.GetInfoAsync(deleted.Key));
        Assert.Null(await Blobs.OpenReadAsync(deleted.Key));
        Assert.False(await Blobs.DeleteAsync(deleted.Key));
        Assert.Equal(kept, await Blobs.GetInfoAsync(kept.Key));
    }

    [Fact]
    public async Task PutAsync_AfterDelete_StoresTheBytesAgain()
    {
        var bytes = Content(300, seed: 9);
        var first = await PutAsync(bytes);
        await Blobs.DeleteAsync(first.Key);
        Time.Advance(TimeSpan.FromMinutes(1));

        var again = await PutAsync(bytes);

        Assert.Equal(first with { CreatedAt = Time.GetUtcNow() }, again);
        Assert.Equal(again, await Blobs.GetInfoAsync(first.Key));
        Assert.Equal(bytes, await ReadAsync(first.Key));
    }

    [Fact]
    public async Task GetInfoAsync_AfterReopen_ReturnsTheStoredInfoAndBytes()
    {
        var bytes = Content(70_000, seed: 10);
        var info = await PutAsync(bytes);

        await ReopenAsync();

        Assert.Equal(info, await Blobs.GetInfoAsync(info.Key));
        Assert.Equal(bytes, await ReadAsync(info.Key));
    }

    [Fact]
    public async Task GetInfoAsync_UnknownKey_ReturnsNull()
    {
        await PutAsync(Content(10, seed: 11));
        var unknown = KeyOf(Content(10, seed: 12));

        Assert.Null(await Blobs.GetInfoAsync(unknown));
        Assert.Null(await Blobs.OpenReadAsync(unknown));
        Assert.False(await Blobs.DeleteAsync(unknown));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../../fulmen.db")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")] // upper case
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")] // 63 digits
    [InlineData("e3/../../../../../../../../../../../../../../../../../etc/passwd")] // 64 characters
    public async Task GetInfoAsync_MalformedKey_ReturnsNullAndNothingReadsOrDeletes(string key)
    {
        await PutAsync([]);

        Assert.Null(await Blobs.GetInfoAsync(key));
        Assert.Null(await Blobs.OpenReadAsync(key));
        Assert.False(await Blobs.DeleteAsync(key));
        Assert.NotNull(await Blobs.GetInfoAsync(KeyOf([])));
    }

    private Task<BlobInfo> PutAsync(byte[] bytes) => Blobs.PutAsync(new MemoryStream(bytes));

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await Blobs.OpenReadAsync(key);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static string KeyOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A stream that hands its bytes out a few at a time, as a network upload does.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
