using Fulmen.Storage.Queues;

namespace Fulmen.Storage.Tests.Contract;

/// <summary>FIFO on <see cref="IQueueStore"/>: grouped leases (order per group, a group blocked while in flight) and append-once.</summary>
public abstract partial class QueueStoreContract
{
    private const string Fifo = "orders.fifo";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task LeaseAsync_Grouped_BlocksAGroupWhileAnItemIsInFlightAndServesOtherGroups()
    {
        var a1 = await AppendAsync("a1", "A");
        var a2 = await AppendAsync("a2", "A");
        var b1 = await AppendAsync("b1", "B");
        var loose = await AppendAsync("loose", null);

        Assert.Equal([a1], Ids(await GroupedAsync(1)));
        Assert.Equal([b1, loose], Ids(await GroupedAsync(10)));
        Assert.Empty(await GroupedAsync(10));
        Assert.True(await Queues.AcknowledgeAsync(Fifo, a1));
        var next = Assert.Single(await GroupedAsync(10));
        Assert.Equal((a2, "A"), (next.Id, next.Group));
    }

    [Fact]
    public async Task LeaseAsync_Grouped_TakesSeveralItemsOfAGroupInAppendOrder()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await AppendAsync($"m{i}", i % 2 == 0 ? "A" : "B"));
        }

        Assert.Equal(ids, Ids(await GroupedAsync(10)));
    }

    [Fact]
    public async Task LeaseAsync_Grouped_AReturnedItemWaitsForItsGroupThenComesBackFirst()
    {
        var a1 = await AppendAsync("a1", "A");
        var a2 = await AppendAsync("a2", "A");
        var a3 = await AppendAsync("a3", "A");
        Assert.Equal([a1, a2], Ids(await GroupedAsync(2)));

        // a2 back at once while a1 is still in flight: the group stays blocked, a3 included.
        Assert.True(await Queues.ReleaseAsync(Fifo, a2, TimeSpan.Zero));
        Assert.Empty(await GroupedAsync(10));
        Time.Advance(Visibility + TimeSpan.FromSeconds(1));

        // a1 became visible after a2, yet comes out first.
        var again = await GroupedAsync(10);
        Assert.Equal([a1, a2, a3], Ids(again));
        Assert.Equal([2, 2, 1], again.Select(i => i.ReceiveCount));
    }

    [Fact]
    public async Task LeaseAsync_Grouped_AnEarlierDelayedItemHoldsBackItsGroup()
    {
        var a1 = await Queues.AppendAsync(Fifo, new QueueAppend { Body = Bytes("a1"), Group = "A", Delay = TimeSpan.FromSeconds(10) });
        var a2 = await AppendAsync("a2", "A");

        Assert.Empty(await GroupedAsync(10));
        Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal([a1, a2], Ids(await GroupedAsync(10)));
    }

    [Fact]
    public async Task LeaseAsync_Ungrouped_IgnoresGroupsButReturnsThem()
    {
        var a1 = await AppendAsync("a1", "A");
        var a2 = await AppendAsync("a2", "A");

        var first = Assert.Single(await LeaseAsync(Fifo));
        var second = Assert.Single(await LeaseAsync(Fifo));

        Assert.Equal((a1, "A", a2, "A"), (first.Id, first.Group, second.Id, second.Group));
    }

    [Fact]
    public async Task AppendAsync_SameKeyWithinTheWindow_IsADuplicateOfTheFirstEvenAfterItIsAcknowledged()
    {
        var first = await Queues.AppendAsync(Fifo, Item("one", "A"), new QueueDeduplication("k1", Window, "message-1"));
        var second = await Queues.AppendAsync(Fifo, Item("two", "A"), new QueueDeduplication("k1", Window, "message-2"));

        Assert.False(first.Duplicate);
        Assert.Equal("message-1", first.Tag);
        Assert.Equal((first.Id, true, "message-1"), (second.Id, second.Duplicate, second.Tag));
        var item = Assert.Single(await GroupedAsync(10));
        Assert.Equal("one", Text(item.Body));
        Assert.True(await Queues.AcknowledgeAsync(Fifo, item.Id));

        Time.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.True((await Queues.AppendAsync(Fifo, Item("three", "A"), new QueueDeduplication("k1", Window, "message-3"))).Duplicate);
        Assert.Empty(await GroupedAsync(10));
    }

    [Fact]
    public async Task AppendAsync_SameKeyAfterTheWindow_AppendsAgain()
    {
        var first = await Queues.AppendAsync(Fifo, Item("one", "A"), new QueueDeduplication("k1", Window, "message-1"));
        Time.Advance(Window + TimeSpan.FromSeconds(1));

        var again = await Queues.AppendAsync(Fifo, Item("two", "A"), new QueueDeduplication("k1", Window, "message-2"));

        Assert.False(again.Duplicate);
        Assert.True(again.Id > first.Id);
        Assert.Equal("message-2", again.Tag);
        Assert.Equal(["one", "two"], (await GroupedAsync(10)).Select(i => Text(i.Body)));
        Assert.True((await Queues.AppendAsync(Fifo, Item("three", "A"), new QueueDeduplication("k1", Window))).Duplicate);
    }

    [Fact]
    public async Task AppendAsync_SameKeyInAnotherQueue_IsNotADuplicate()
    {
        await Queues.AppendAsync(Fifo, Item("one", "A"), new QueueDeduplication("k1", Window));

        var other = await Queues.AppendAsync("other.fifo", Item("one", "A"), new QueueDeduplication("k1", Window));

        Assert.False(other.Duplicate);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppendersOfOneKey_StoreOneItem()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            Queues.AppendAsync(Fifo, Item($"copy-{i}", "A"), new QueueDeduplication("same", Window, $"message-{i}")))));

        var winner = Assert.Single(results, r => !r.Duplicate);
        Assert.All(results, r => Assert.Equal((winner.Id, winner.Tag), (r.Id, r.Tag)));
        Assert.Equal(new QueueCounts(1, 0), await Queues.CountAsync(Fifo));
    }

    [Fact]
    public async Task AppendAsync_KeysAndGroups_SurviveAReopen()
    {
        var first = await Queues.AppendAsync(Fifo, Item("one", "A"), new QueueDeduplication("k1", Window, "message-1"));
        await AppendAsync("two", "A");
        Assert.Single(await GroupedAsync(1));

        await ReopenAsync();

        Assert.Equal((first.Id, true), ((await Queues.AppendAsync(Fifo, Item("x", "A"), new QueueDeduplication("k1", Window))).Id, true));
        Assert.Empty(await GroupedAsync(10));
        Time.Advance(Visibility + TimeSpan.FromSeconds(1));
        Assert.Equal([("one", "A"), ("two", "A")], (await GroupedAsync(10)).Select(i => (Text(i.Body), i.Group)));
    }

    private Task<long> AppendAsync(string body, string? group) => Queues.AppendAsync(Fifo, Item(body, group));

    private static QueueAppend Item(string body, string? group) => new() { Body = Bytes(body), Group = group };

    private Task<IReadOnlyList<QueueItem>> GroupedAsync(int maxItems) =>
        Queues.LeaseAsync(Fifo, new QueueLeaseRequest { Holder = "node-a", MaxItems = maxItems, Visibility = Visibility, Grouped = true });

    private static List<long> Ids(IReadOnlyList<QueueItem> items) => [.. items.Select(i => i.Id)];
}
