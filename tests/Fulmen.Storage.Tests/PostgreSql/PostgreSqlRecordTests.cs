namespace Fulmen.Storage.Tests.PostgreSql;

/// <summary>Documents, leases and checkpoints on PostgreSQL (the shared contract tests cover the rest).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlRecordTests(PostgresCluster cluster) : PostgresBackendTest(cluster)
{
    [Fact]
    public async Task WriteAsync_TwoWritersOfOneVersion_OnlyOneWins()
    {
        Assert.Equal(1, await Backend.Documents.WriteAsync("fn", "a", "{\"v\":1}", 0));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Backend.Documents.WriteAsync("fn", "a", $"{{\"v\":{i}}}", 1)));

        Assert.Single(results, r => r == 2);
        Assert.Null(await Backend.Documents.WriteAsync("fn", "a", "{}", 0));
        Assert.Equal(2, (await Backend.Documents.GetAsync("fn", "a"))!.Version);
    }

    [Fact]
    public async Task ListAsync_Pages_InOrdinalOrder()
    {
        string[] ids = ["b", "B", "a", "a-1", "Z", "ä"];
        foreach (var id in ids)
        {
            await Backend.Documents.WriteAsync("c", id, "{}", 0);
        }
        await Backend.Documents.WriteAsync("other", "0", "{}", 0);

        var first = await Backend.Documents.ListAsync("c", null, 4);
        var second = await Backend.Documents.ListAsync("c", first.Next, 4);

        Assert.Equal([.. ids.Order(StringComparer.Ordinal)], first.Documents.Concat(second.Documents).Select(d => d.Id));
        Assert.Equal("a-1", first.Next);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task DeleteAsync_WrongVersion_KeepsTheDocument()
    {
        await Backend.Documents.WriteAsync("c", "a", "{}", 0);

        Assert.False(await Backend.Documents.DeleteAsync("c", "a", 2));
        Assert.True(await Backend.Documents.DeleteAsync("c", "a", 1));
        Assert.False(await Backend.Documents.DeleteAsync("c", "a"));
    }

    [Fact]
    public async Task TryAcquireAsync_RacingHolders_OneWinsUntilItLapses()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Backend.Leases.TryAcquireAsync("poller", $"node-{i}", TimeSpan.FromSeconds(30))));
        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(1, winner.Token);

        Time.Advance(TimeSpan.FromSeconds(31));
        var next = await Backend.Leases.TryAcquireAsync("poller", "other", TimeSpan.FromSeconds(30));

        Assert.Equal(2, next!.Token);
        Assert.Null(await Backend.Leases.RenewAsync(winner, TimeSpan.FromSeconds(30)));
        Assert.False(await Backend.Leases.ReleaseAsync(winner));
    }

    [Fact]
    public async Task ReleaseAsync_ThenAnotherHolder_TokenStillRises()
    {
        var first = await Backend.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(30));
        Assert.True(await Backend.Leases.ReleaseAsync(first!));
        Assert.Null(await Backend.Leases.GetAsync("l"));

        var second = await Backend.Leases.TryAcquireAsync("l", "b", TimeSpan.FromSeconds(30));

        Assert.Equal(2, second!.Token);
        Assert.Equal(second, await Backend.Leases.GetAsync("l"));
    }

    [Fact]
    public async Task RenewAsync_SameHolder_ExtendsAndKeepsToken()
    {
        var lease = await Backend.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(30));
        Time.Advance(TimeSpan.FromSeconds(20));

        var renewed = await Backend.Leases.RenewAsync(lease!, TimeSpan.FromSeconds(30));
        var again = await Backend.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(30));

        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(30), renewed!.ExpiresAt);
        Assert.Equal(1, again!.Token);
        Assert.Null(await Backend.Leases.TryAcquireAsync("l", "b", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task TrySaveAsync_StaleVersion_DoesNotMoveThePosition()
    {
        Assert.Equal(1, await Backend.Checkpoints.TrySaveAsync("m", "shard-2", "100", 0));
        Assert.Equal(2, await Backend.Checkpoints.TrySaveAsync("m", "shard-2", "200", 1));
        await Backend.Checkpoints.TrySaveAsync("m", "shard-1", "5", 0);

        Assert.Null(await Backend.Checkpoints.TrySaveAsync("m", "shard-2", "150", 1));
        Assert.Equal(["shard-1", "shard-2"], (await Backend.Checkpoints.ListAsync("m")).Select(c => c.Partition));
        Assert.Equal("200", (await Backend.Checkpoints.GetAsync("m", "shard-2"))!.Position);
        Assert.Equal(2, await Backend.Checkpoints.DeleteAsync("m"));
    }

    [Fact]
    public async Task PutAsync_SameContentTwice_IsKeptOnce()
    {
        var first = await Backend.Blobs.PutAsync(new MemoryStream("hello"u8.ToArray()));
        var second = await Backend.Blobs.PutAsync(new MemoryStream("hello"u8.ToArray()));

        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", first.Key);
        Assert.Equal(first, second);
        await using var read = await Backend.Blobs.OpenReadAsync(first.Key);
        Assert.Equal("hello"u8.ToArray(), new BinaryReader(read!).ReadBytes(100));
    }
}
