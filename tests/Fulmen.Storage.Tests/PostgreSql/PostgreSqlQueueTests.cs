using System.Diagnostics;
using Fulmen.Storage.PostgreSql;
using Fulmen.Storage.Queues;
using Npgsql;
using Xunit.Abstractions;

namespace Fulmen.Storage.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlQueueTests(PostgresCluster cluster, ITestOutputHelper output) : PostgresBackendTest(cluster)
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    private IQueueStore Queues => Backend.Queues;

    private static QueueLeaseRequest Request(string holder, int max = 10, bool body = true) =>
        new() { Holder = holder, MaxItems = max, Visibility = Visibility, IncludeBody = body };

    private Task<long> AppendAsync(string text, TimeSpan delay = default, string? holder = null) =>
        Queues.AppendAsync("q", new QueueAppend { Body = System.Text.Encoding.UTF8.GetBytes(text), Attributes = "a"u8.ToArray(), Delay = delay, Holder = holder });

    [Fact]
    public async Task LeaseAsync_OldestFirst_InvisibleUntilTheDeadline()
    {
        var first = await AppendAsync("one");
        var second = await AppendAsync("two");
        await Queues.AppendAsync("other", new QueueAppend { Body = "x"u8.ToArray() });

        var leased = await Queues.LeaseAsync("q", Request("c1"));

        Assert.True(second > first);
        Assert.Equal([first, second], leased.Select(i => i.Id));
        Assert.Equal("one"u8.ToArray(), leased[0].Body.ToArray());
        Assert.Equal("a"u8.ToArray(), leased[0].Attributes.ToArray());
        Assert.All(leased, i => Assert.Equal((1, Time.GetUtcNow(), Time.GetUtcNow() + Visibility), (i.ReceiveCount, i.EnqueuedAt, i.VisibleAt)));
        Assert.Empty(await Queues.LeaseAsync("q", Request("c2")));
        Assert.Equal(new QueueCounts(0, 2), await Queues.CountAsync("q"));

        Time.Advance(Visibility);
        var again = await Queues.LeaseAsync("q", Request("c2", body: false));

        Assert.Equal([2, 2], again.Select(i => i.ReceiveCount));
        Assert.True(again[0].Body.IsEmpty);
        Assert.Equal("two"u8.ToArray(), await Queues.ReadBodyAsync("q", second));
    }

    [Fact]
    public async Task AppendAsync_WithDelayAndHolder_IsInvisibleAndRenewable()
    {
        var id = await AppendAsync("later", TimeSpan.FromSeconds(10), holder: "h");

        Assert.Empty(await Queues.LeaseAsync("q", Request("c")));
        Assert.Equal(1, await Queues.RenewAsync("q", "h", TimeSpan.FromSeconds(60)));
        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await Queues.LeaseAsync("q", Request("c")));

        Assert.Equal(1, await Queues.ReleaseHeldAsync("q", "h"));
        Assert.Equal(id, Assert.Single(await Queues.LeaseAsync("q", Request("c"))).Id);
        Assert.Equal(0, await Queues.RenewAsync("q", "h", Visibility));
    }

    [Fact]
    public async Task ReleaseAsync_WithDelayAndAttributes_ReturnsTheItemLater()
    {
        var id = await AppendAsync("x");
        await Queues.LeaseAsync("q", Request("c"));

        Assert.True(await Queues.ReleaseAsync("q", id, TimeSpan.FromSeconds(5), "retry"u8.ToArray()));
        Assert.Empty(await Queues.LeaseAsync("q", Request("c")));
        Time.Advance(TimeSpan.FromSeconds(5));

        var item = Assert.Single(await Queues.LeaseAsync("q", Request("c")));
        Assert.Equal("retry"u8.ToArray(), item.Attributes.ToArray());
        Assert.True(await Queues.AcknowledgeAsync("q", id));
        Assert.False(await Queues.AcknowledgeAsync("q", id));
        Assert.False(await Queues.ReleaseAsync("q", id, TimeSpan.Zero));
        Assert.Null(await Queues.ReadBodyAsync("q", id));
    }

    [Fact]
    public async Task LeaseAsync_ConcurrentConsumers_TakeDisjointItems()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => AppendAsync($"{i}")));
        await using var otherNode = await OpenAsync();

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? Queues : otherNode.Queues).LeaseAsync("q", Request($"c{i}", max: 25))));

        var ids = leases.SelectMany(l => l).Select(i => i.Id).ToList();
        Assert.Equal(200, ids.Count);
        Assert.Equal(200, ids.Distinct().Count());
    }

    [Fact]
    public async Task AppendAsync_ManyProducers_ShareCommits()
    {
        const int Producers = 64;
        const int PerProducer = 100;
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                await AppendAsync($"{p}/{i}");
            }
        })));

        stopwatch.Stop();
        // Rows written by one transaction share its xmin: the number of distinct ones is the number of commits.
        await using var dataSource = NpgsqlDataSource.Create(PostgreSqlAddress.Parse(Url).ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*), count(DISTINCT xmin::text) FROM queue_items");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (items, commits) = (reader.GetInt64(0), reader.GetInt64(1));
        output.WriteLine($"{items} appends from {Producers} producers in {stopwatch.ElapsedMilliseconds} ms " +
            $"({items / stopwatch.Elapsed.TotalSeconds:F0}/s), {commits} commits");
        Assert.Equal(Producers * PerProducer, items);
        Assert.True(commits * 4 <= items, $"{commits} commits for {items} appends: not grouped");
    }
}
