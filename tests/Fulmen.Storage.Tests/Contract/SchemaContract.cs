using Fulmen.Storage.Queues;
using Fulmen.Storage.Schema;

namespace Fulmen.Storage.Tests.Contract;

/// <summary>Schema versions: a store migrated once opens again as it is, and a store from a newer Fulmen is refused.</summary>
public abstract class SchemaContract : StorageContract
{
    [Fact]
    public async Task OpenAsync_ExistingStore_OpensAgainAndKeepsEveryPrimitive()
    {
        await Backend.Documents.WriteAsync("functions", "f1", """{"n":1}""", 0);
        var item = await Backend.Queues.AppendAsync("q", new QueueAppend { Body = new byte[] { 1, 2, 3 } });
        var lease = await Backend.Leases.TryAcquireAsync("poller", "node-a", TimeSpan.FromMinutes(1));
        await Backend.Checkpoints.TrySaveAsync("mapping", "shard-1", "42", 0);
        var blob = await Backend.Blobs.PutAsync(new MemoryStream([4, 5, 6]));

        await ReopenAsync();
        await ReopenAsync(); // a second start on a migrated store changes nothing

        Assert.Equal(1, (await Backend.Documents.GetAsync("functions", "f1"))?.Version);
        Assert.Equal([1, 2, 3], await Backend.Queues.ReadBodyAsync("q", item));
        Assert.Equal(lease, await Backend.Leases.GetAsync("poller"));
        Assert.Equal("42", (await Backend.Checkpoints.GetAsync("mapping", "shard-1"))?.Position);
        Assert.Equal(blob, await Backend.Blobs.GetInfoAsync(blob.Key));
        Assert.Equal(2, await Backend.Documents.WriteAsync("functions", "f1", """{"n":2}""", 1));
    }

    [Fact]
    public async Task OpenAsync_SchemaNewerThanKnown_ThrowsSchemaTooNewNamingTheVersion()
    {
        await Backend.Documents.WriteAsync("functions", "f1", """{"n":1}""", 0);
        await CloseAsync();

        await SetSchemaVersionAsync(999);
        var thrown = await Assert.ThrowsAsync<SchemaTooNewException>(OpenAgainAsync);

        Assert.Equal(999, thrown.Found);
        Assert.InRange(thrown.Known, 1, 998);
        Assert.Contains("999", thrown.Message, StringComparison.Ordinal);
        Assert.Contains($"{thrown.Known}", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(999, (await Assert.ThrowsAsync<SchemaTooNewException>(OpenAgainAsync)).Found); // refused again, not "repaired"
    }
}
