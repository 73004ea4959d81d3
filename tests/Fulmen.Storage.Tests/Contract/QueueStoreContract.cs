using System.Text;
using Fulmen.Storage.Queues;

namespace Fulmen.Storage.Tests.Contract;

/// <summary>
/// <see cref="IQueueStore"/>: appends, leases until a visibility deadline on the fake clock, acknowledgements,
/// releases, holders, counts, and what survives a restart.
/// </summary>
public abstract partial class QueueStoreContract : StorageContract
{
    private const string Events = "lambda-async";
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    private IQueueStore Queues => Backend.Queues;

    [Fact]
    public async Task LeaseAsync_AfterAppend_ReturnsTheItemWithBodyAttributesAndFirstReceive()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1"), Attributes = Bytes("attempt=0") });
        Time.Advance(TimeSpan.FromSeconds(2));

        var item = Assert.Single(await LeaseAsync());

        Assert.Equal(id, item.Id);
        Assert.Equal("event-1", Text(item.Body));
        Assert.Equal("attempt=0", Text(item.Attributes));
        Assert.Equal(Start, item.EnqueuedAt);
        Assert.Equal(1, item.ReceiveCount);
        Assert.Equal(Start.AddSeconds(2) + Visibility, item.VisibleAt);
    }

    [Fact]
    public async Task LeaseAsync_EmptyQueue_ReturnsNothing()
    {
        Assert.Empty(await LeaseAsync());
        Assert.Equal(new QueueCounts(0, 0), await Queues.CountAsync(Events));
    }

    [Fact]
    public async Task LeaseAsync_LeasedItem_IsSkippedUntilItsDeadlinePassesThenLeasedAgain()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1") });
        await LeaseAsync(holder: "node-a");

        Assert.Empty(await LeaseAsync(holder: "node-b"));
        Time.Advance(Visibility - TimeSpan.FromSeconds(1));
        Assert.Empty(await LeaseAsync(holder: "node-b"));
        Time.Advance(TimeSpan.FromSeconds(2));
        var again = Assert.Single(await LeaseAsync(holder: "node-b"));

        Assert.Equal(id, again.Id);
        Assert.Equal("event-1", Text(again.Body));
        Assert.Equal(2, again.ReceiveCount);
        Assert.Equal(Start, again.EnqueuedAt);
        Assert.Equal(Time.GetUtcNow() + Visibility, again.VisibleAt);
    }

    [Fact]
    public async Task AcknowledgeAsync_LeasedItem_RemovesItAndASecondAcknowledgeReturnsFalse()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1") });
        await LeaseAsync();

        Assert.True(await Queues.AcknowledgeAsync(Events, id));

        Assert.False(await Queues.AcknowledgeAsync(Events, id));
        Assert.Null(await Queues.ReadBodyAsync(Events, id));
        Assert.Equal(new QueueCounts(0, 0), await Queues.CountAsync(Events));
        Time.Advance(Visibility * 2);
        Assert.Empty(await LeaseAsync());
    }

    [Fact]
    public async Task ReleaseAsync_WithDelayAndAttributes_HidesItUntilTheDelayPassesAndReplacesAttributes()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1"), Attributes = Bytes("attempt=0") });
        await LeaseAsync();

        Assert.True(await Queues.ReleaseAsync(Events, id, TimeSpan.FromSeconds(60), Bytes("attempt=1")));

        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await LeaseAsync());
        Assert.Equal(new QueueCounts(0, 1), await Queues.CountAsync(Events));
        Time.Advance(TimeSpan.FromSeconds(2));
        var again = Assert.Single(await LeaseAsync());
        Assert.Equal(id, again.Id);
        Assert.Equal("attempt=1", Text(again.Attributes));
        Assert.Equal("event-1", Text(again.Body));
        Assert.Equal(2, again.ReceiveCount);
    }

    [Fact]
    public async Task ReleaseAsync_WithoutAttributesOrDelay_KeepsAttributesAndShowsItAtOnce()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1"), Attributes = Bytes("attempt=0") });
        await LeaseAsync();

        Assert.True(await Queues.ReleaseAsync(Events, id, TimeSpan.Zero));

        var again = Assert.Single(await LeaseAsync());
        Assert.Equal("attempt=0", Text(again.Attributes));
        Assert.Equal(2, again.ReceiveCount);
    }

    [Fact]
    public async Task ReleaseAsync_UnknownItem_ReturnsFalse()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1") });
        await Queues.AcknowledgeAsync(Events, id);

        Assert.False(await Queues.ReleaseAsync(Events, id, TimeSpan.Zero));
        Assert.False(await Queues.ReleaseAsync(Events, id + 1000, TimeSpan.Zero));
        Assert.Empty(await LeaseAsync());
    }

    [Fact]
    public async Task AppendAsync_WithDelay_HidesTheItemUntilTheDelayPasses()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("later"), Delay = TimeSpan.FromSeconds(10) });

        Assert.Empty(await LeaseAsync());
        Assert.Equal(new QueueCounts(0, 1), await Queues.CountAsync(Events));
        Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(await LeaseAsync());
        Time.Advance(TimeSpan.FromSeconds(2));

        var item = Assert.Single(await LeaseAsync());
        Assert.Equal(id, item.Id);
        Assert.Equal(1, item.ReceiveCount);
        Assert.Equal(Start, item.EnqueuedAt);
    }

    [Fact]
    public async Task AppendAsync_WithHolder_StaysHiddenWhileRenewedAndReleaseHeldShowsItAtOnce()
    {
        var held = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("held"), Holder = "node-a", Delay = TimeSpan.FromSeconds(20) });
        var other = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("other"), Holder = "node-b", Delay = TimeSpan.FromSeconds(20) });

        Assert.Empty(await LeaseAsync());
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await Queues.RenewAsync(Events, "node-a", TimeSpan.FromSeconds(60)));
        Time.Advance(TimeSpan.FromSeconds(30)); // past the appended 20 s, within the renewed 70 s
        Assert.Equal(other, Assert.Single(await LeaseAsync(holder: "node-c")).Id);
        Assert.Empty(await LeaseAsync(holder: "node-c"));

        Assert.Equal(1, await Queues.ReleaseHeldAsync(Events, "node-a"));

        var item = Assert.Single(await LeaseAsync(holder: "node-c"));
        Assert.Equal(held, item.Id);
        Assert.Equal("held", Text(item.Body));
        Assert.Equal(1, item.ReceiveCount);
    }

    [Fact]
    public async Task RenewAsync_ShorterVisibility_DoesNotShortenTheHold()
    {
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1") });
        await LeaseAsync(holder: "node-a", visibility: TimeSpan.FromSeconds(60));

        Assert.Equal(1, await Queues.RenewAsync(Events, "node-a", TimeSpan.FromSeconds(5)));

        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(await LeaseAsync(holder: "node-b"));
        Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Single(await LeaseAsync(holder: "node-b"));
    }

    [Fact]
    public async Task RenewAsync_AfterAnotherHolderLeasedTheItem_ExtendsNothingOfTheOldHolder()
    {
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1") });
        await LeaseAsync(holder: "node-a");
        Time.Advance(Visibility + TimeSpan.FromSeconds(1));
        await LeaseAsync(holder: "node-b");

        Assert.Equal(0, await Queues.RenewAsync(Events, "node-a", TimeSpan.FromMinutes(10)));
        Assert.Equal(0, await Queues.ReleaseHeldAsync(Events, "node-a"));
        Assert.Equal(1, await Queues.RenewAsync(Events, "node-b", TimeSpan.FromMinutes(10)));
        Assert.Empty(await LeaseAsync(holder: "node-c"));
    }

    [Fact]
    public async Task ReleaseAsync_HeldItem_KeepsItsHolderForRenewAndReleaseHeld()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("event-1") });
        await LeaseAsync(holder: "node-a");
        await Queues.ReleaseAsync(Events, id, TimeSpan.FromSeconds(60));

        Assert.Equal(1, await Queues.RenewAsync(Events, "node-a", TimeSpan.FromSeconds(90)));
        Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Empty(await LeaseAsync(holder: "node-b"));
        Assert.Equal(1, await Queues.ReleaseHeldAsync(Events, "node-a"));

        Assert.Equal(id, Assert.Single(await LeaseAsync(holder: "node-b")).Id);
    }

    [Fact]
    public async Task ReleaseHeldAsync_LeavesItemsUnheldAndOtherHoldersItemsAlone()
    {
        for (var i = 0; i < 3; i++)
        {
            await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes($"a-{i}"), Holder = "node-a", Delay = TimeSpan.FromMinutes(20) });
        }
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("b-0"), Holder = "node-b", Delay = TimeSpan.FromMinutes(20) });

        Assert.Equal(3, await Queues.ReleaseHeldAsync(Events, "node-a"));

        Assert.Equal(new QueueCounts(3, 1), await Queues.CountAsync(Events));
        Assert.Equal(0, await Queues.RenewAsync(Events, "node-a", TimeSpan.FromMinutes(10)));
        Assert.Equal(0, await Queues.ReleaseHeldAsync(Events, "node-a"));
        Assert.Equal(["a-0", "a-1", "a-2"], (await LeaseAsync(maxItems: 10)).Select(item => Text(item.Body)));
    }

    [Fact]
    public async Task LeaseAsync_WithoutBody_ReturnsEmptyBodiesAndReadBodyAsyncReturnsThem()
    {
        var id = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("a large body"), Attributes = Bytes("attrs") });

        var item = Assert.Single(await Queues.LeaseAsync(Events, new QueueLeaseRequest
        {
            Holder = "node-a", MaxItems = 10, Visibility = Visibility, IncludeBody = false,
        }));

        Assert.True(item.Body.IsEmpty);
        Assert.Equal("attrs", Text(item.Attributes));
        Assert.Equal("a large body", Text(await Queues.ReadBodyAsync(Events, id)));
        Assert.True(await Queues.AcknowledgeAsync(Events, id));
        Assert.Null(await Queues.ReadBodyAsync(Events, id));
    }

    [Fact]
    public async Task CountAsync_CountsVisibleAndInvisibleItems()
    {
        for (var i = 0; i < 4; i++)
        {
            await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes($"now-{i}") });
        }
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("delayed"), Delay = TimeSpan.FromSeconds(45) });
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("held"), Holder = "node-a", Delay = TimeSpan.FromSeconds(90) });
        await LeaseAsync(maxItems: 1);

        var counts = await Queues.CountAsync(Events);

        Assert.Equal(new QueueCounts(3, 3), counts);
        Assert.Equal(6, counts.Total);
        Time.Advance(TimeSpan.FromSeconds(50)); // the lease (30 s) and the delay (45 s) have passed, the hold has not
        Assert.Equal(new QueueCounts(5, 1), await Queues.CountAsync(Events));
    }

    [Fact]
    public async Task LeaseAsync_SeveralVisible_TakesThoseVisibleLongestFirstUpToMaxItems()
    {
        var delayed = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("delayed"), Delay = TimeSpan.FromSeconds(10) });
        Time.Advance(TimeSpan.FromSeconds(1));
        var first = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("first") });
        Time.Advance(TimeSpan.FromSeconds(1));
        var second = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("second") });
        var third = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("third") });
        Time.Advance(TimeSpan.FromSeconds(20));
        var last = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("last") });

        var firstBatch = await LeaseAsync(maxItems: 2);
        var secondBatch = await LeaseAsync(maxItems: 2);
        var thirdBatch = await LeaseAsync(maxItems: 2);

        Assert.True(delayed < first && first < second && second < third && third < last);
        Assert.Equal([first, second], firstBatch.Select(item => item.Id));
        Assert.Equal([third, delayed], secondBatch.Select(item => item.Id));
        Assert.Equal([last], thirdBatch.Select(item => item.Id));
        Assert.Empty(await LeaseAsync(maxItems: 2));
    }

    [Fact]
    public async Task Queues_WithDifferentNames_AreIndependent()
    {
        var a = await Queues.AppendAsync("queue-a", new QueueAppend { Body = Bytes("for a") });
        var b = await Queues.AppendAsync("queue-b", new QueueAppend { Body = Bytes("for b"), Holder = "node-a", Delay = Visibility });

        Assert.Equal(new QueueCounts(1, 0), await Queues.CountAsync("queue-a"));
        Assert.Equal(new QueueCounts(0, 1), await Queues.CountAsync("queue-b"));
        Assert.False(await Queues.AcknowledgeAsync("queue-b", a));
        Assert.Null(await Queues.ReadBodyAsync("queue-b", a));
        Assert.False(await Queues.ReleaseAsync("queue-a", b, TimeSpan.Zero));
        Assert.Equal(0, await Queues.ReleaseHeldAsync("queue-a", "node-a"));
        Assert.Equal(0, await Queues.RenewAsync("queue-a", "node-a", Visibility));

        var leased = Assert.Single(await LeaseAsync(queue: "queue-a", maxItems: 10));
        Assert.Equal(a, leased.Id);
        Assert.Equal("for a", Text(leased.Body));
        Assert.Empty(await LeaseAsync(queue: "queue-b", maxItems: 10));
        Assert.Equal(1, await Queues.ReleaseHeldAsync("queue-b", "node-a"));
        Assert.Equal(b, Assert.Single(await LeaseAsync(queue: "queue-b", maxItems: 10)).Id);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppenders_GetDistinctIdsAndEveryItemIsLeasable()
    {
        const int Appenders = 64, ItemsEach = 100;

        var appended = await Task.WhenAll(Enumerable.Range(0, Appenders).Select(appender => Task.Run(async () =>
        {
            var ids = new List<(long Id, string Body)>();
            for (var i = 0; i < ItemsEach; i++)
            {
                var body = $"{appender}/{i}";
                ids.Add((await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes(body) }), body));
            }
            return ids;
        })));

        var all = appended.SelectMany(ids => ids).ToDictionary(item => item.Id, item => item.Body);
        Assert.Equal(Appenders * ItemsEach, all.Count);
        Assert.All(appended, ids => Assert.Equal(ids.Select(i => i.Id).Order(), ids.Select(i => i.Id)));
        Assert.Equal(new QueueCounts(Appenders * ItemsEach, 0), await Queues.CountAsync(Events));
        var leased = new Dictionary<long, string>();
        for (var batch = await LeaseAsync(maxItems: 500); batch.Count > 0; batch = await LeaseAsync(maxItems: 500))
        {
            Assert.InRange(batch.Count, 1, 500);
            foreach (var item in batch)
            {
                leased.Add(item.Id, Text(item.Body));
            }
        }
        Assert.Equal(all.OrderBy(p => p.Key), leased.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Items_AfterDisposeAndReopen_KeepTheirBodiesAttributesAndState()
    {
        var leased = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("leased"), Attributes = Bytes("a0") });
        var released = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("released"), Attributes = Bytes("b0") });
        var done = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("done") });
        var held = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("held"), Holder = "node-h", Delay = TimeSpan.FromMinutes(20) });
        Assert.Equal(3, (await LeaseAsync(maxItems: 3, visibility: TimeSpan.FromSeconds(60))).Count);
        await Queues.ReleaseAsync(Events, released, TimeSpan.FromSeconds(120), Bytes("b1"));
        await Queues.AcknowledgeAsync(Events, done);

        await ReopenAsync();

        Assert.Equal(new QueueCounts(0, 3), await Queues.CountAsync(Events));
        Assert.Null(await Queues.ReadBodyAsync(Events, done));
        Assert.Equal("held", Text(await Queues.ReadBodyAsync(Events, held)));
        Time.Advance(TimeSpan.FromSeconds(61));
        var first = Assert.Single(await LeaseAsync(maxItems: 10, visibility: TimeSpan.FromMinutes(10)));
        Assert.Equal((leased, "leased", "a0", 2, Start), (first.Id, Text(first.Body), Text(first.Attributes), first.ReceiveCount, first.EnqueuedAt));
        Time.Advance(TimeSpan.FromSeconds(60));
        var second = Assert.Single(await LeaseAsync(maxItems: 10));
        Assert.Equal((released, "released", "b1", 2), (second.Id, Text(second.Body), Text(second.Attributes), second.ReceiveCount));
        Assert.Equal(1, await Queues.ReleaseHeldAsync(Events, "node-h"));
        Assert.Equal(held, Assert.Single(await LeaseAsync(maxItems: 10)).Id);
    }

    [Fact]
    public async Task AppendAsync_AfterReopen_GetsAnIdNewerThanAnyHandedOutBefore()
    {
        var first = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("first") });
        var newest = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("newest") });
        await Queues.AcknowledgeAsync(Events, newest);

        await ReopenAsync();
        var next = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("next") });

        Assert.True(first < newest, $"{first} < {newest}");
        Assert.True(next > newest, $"An id handed out again after a restart: {next} after {newest}");
        Assert.False(await Queues.AcknowledgeAsync(Events, newest)); // a consumer's stale id must not reach the new item
        Assert.Equal("next", Text(await Queues.ReadBodyAsync(Events, next)));
    }

    [Fact]
    public async Task CountDelayedAsync_CountsOnlyItemsNeverLeasedWhoseDelayRuns()
    {
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("now") });
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("later"), Delay = TimeSpan.FromSeconds(10) });
        Assert.Single(await LeaseAsync());

        Assert.Equal(1, await Queues.CountDelayedAsync(Events));
        Assert.Equal(new QueueCounts(0, 2), await Queues.CountAsync(Events));

        Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(0, await Queues.CountDelayedAsync(Events));
        Assert.Equal(0, await Queues.CountDelayedAsync("other"));
    }

    [Fact]
    public async Task PurgeAsync_DeletesEveryItemOfThatQueueOnly_LeasedOrNot()
    {
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("a") });
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("b"), Delay = TimeSpan.FromSeconds(10) });
        await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("c") });
        await Queues.AppendAsync("other", new QueueAppend { Body = Bytes("kept") });
        Assert.Single(await LeaseAsync());

        Assert.Equal(3, await Queues.PurgeAsync(Events));

        Assert.Equal(new QueueCounts(0, 0), await Queues.CountAsync(Events));
        Assert.Empty(await LeaseAsync());
        Assert.Equal(0, await Queues.PurgeAsync(Events));
        Assert.Equal("kept", Text(Assert.Single(await LeaseAsync("other")).Body));
    }

    [Fact]
    public async Task AppendBatchAsync_ManyItems_IdsAscendInListOrderAndLeasedInThatOrder()
    {
        var single = await Queues.AppendAsync(Events, new QueueAppend { Body = Bytes("before") });
        var items = Enumerable.Range(0, 50).Select(i => new QueueAppend { Body = Bytes($"item-{i}"), Attributes = Bytes($"a-{i}") }).ToList();

        var ids = await Queues.AppendBatchAsync(Events, items);

        Assert.Equal(50, ids.Count);
        Assert.True(ids[0] > single);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(50, ids.Distinct().Count());
        var leased = await LeaseAsync(maxItems: 100);
        Assert.Equal(["before", .. Enumerable.Range(0, 50).Select(i => $"item-{i}")], leased.Select(i => Text(i.Body)));
        Assert.Equal([single, .. ids], leased.Select(i => i.Id));
        Assert.Equal("a-7", Text(leased[8].Attributes));
    }

    private Task<IReadOnlyList<QueueItem>> LeaseAsync(string queue = Events, string holder = "node-a", int maxItems = 1, TimeSpan? visibility = null) =>
        Queues.LeaseAsync(queue, new QueueLeaseRequest { Holder = holder, MaxItems = maxItems, Visibility = visibility ?? Visibility });

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);
}
