using Fulmen.Functions.EventSources;
using Fulmen.Functions.EventSources.Polling;
using Fulmen.Functions.EventSources.Sqs;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Functions.Tests.EventSources;

/// <summary>When a batch is complete: its size, the batching window, the 6 MB payload; and what the filters drop.</summary>
public sealed class BatchCollectorTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private Task<CollectedBatch> Collect(InMemoryEventSource source, BatchLimits limits, Func<SourceRecord, bool>? accept = null) =>
        BatchCollector.CollectAsync(source, limits, accept ?? (_ => true),
            record => SqsEvent.Record(record, "arn:aws:sqs:us-east-1:000000000000:q", "us-east-1"), _time, new CancellationTokenSource(Guard).Token);

    private InMemoryEventSource SourceWith(int count, string body = "x")
    {
        var source = new InMemoryEventSource(_time);
        for (var i = 0; i < count; i++)
        {
            source.Send($"m{i}", body);
        }
        return source;
    }

    [Fact]
    public async Task NoWindow_FirstNonEmptyReceive_IsTheBatch()
    {
        var batch = await Collect(SourceWith(3), new BatchLimits(10, TimeSpan.Zero));
        Assert.Equal(3, batch.Records.Count);
    }

    [Fact]
    public async Task NoWindow_EmptyQueue_LongPollsUntilARecordComes()
    {
        var source = SourceWith(0);
        var collecting = Collect(source, new BatchLimits(10, TimeSpan.Zero));
        Assert.Equal(BatchLimits.LongPoll, await source.WaitingAsync(new CancellationTokenSource(Guard).Token));
        source.Send("late", "x");
        var batch = await collecting;
        Assert.Equal(["late"], batch.Records.Select(r => r.Id));
    }

    [Fact]
    public async Task BatchSize_StopsTheBatch_BeforeTheWindowEnds()
    {
        var batch = await Collect(SourceWith(30), new BatchLimits(25, TimeSpan.FromSeconds(5)));
        Assert.Equal(25, batch.Records.Count);
    }

    [Fact]
    public async Task Window_EndsABatchThatIsNotFull()
    {
        var source = SourceWith(3);
        var collecting = Collect(source, new BatchLimits(100, TimeSpan.FromSeconds(5)));
        var waited = await source.WaitingAsync(new CancellationTokenSource(Guard).Token);
        Assert.Equal(TimeSpan.FromSeconds(5), waited);
        _time.Advance(TimeSpan.FromSeconds(5));
        var batch = await collecting;
        Assert.Equal(3, batch.Records.Count);
    }

    [Fact]
    public async Task PayloadLimit_EndsTheBatch_AndGivesTheRestBack()
    {
        var source = SourceWith(3, new string('x', 900));
        var batch = await Collect(source, new BatchLimits(10, TimeSpan.Zero) { PayloadLimit = 3000 });
        Assert.Equal(2, batch.Records.Count);
        Assert.Equal(["m2"], batch.Overflow.Select(r => r.Id));
        Assert.True(SqsEvent.Join(batch.Json).Length <= 3000);
    }

    [Fact]
    public async Task FilteredOutRecords_AreSetAsideForDeletion()
    {
        var source = new InMemoryEventSource(_time);
        source.Send("keep", "yes");
        source.Send("drop", "no");
        var batch = await Collect(source, new BatchLimits(10, TimeSpan.Zero), record => record.Body == "yes");
        Assert.Equal(["keep"], batch.Records.Select(r => r.Id));
        Assert.Equal(["drop"], batch.Rejected.Select(r => r.Id));
    }
}
