using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Storage.Sqlite;

namespace Fulmen.Bench.Async;

/// <summary>One producer count against the store: the appends as the producers saw them, and what the writer did.</summary>
internal sealed record StoreResult(int Producers, Phase Phase, long Commits, bool CommitsCounted, long Synchronous, double WriterBusyPercent, long WriterBlocks, double WalMegabytes)
{
    public double CommitsPerSecond => CommitsCounted && Phase.Latency.PerSecond > 0 ? Commits * Phase.Latency.PerSecond / Phase.Latency.Count : 0;
    public double EventsPerCommit => CommitsCounted && Commits > 0 ? Phase.Latency.Count / (double)Commits : 0;
}

/// <summary>
/// Durable enqueue without HTTP: <c>N</c> producers in this process, each awaiting
/// <see cref="SqliteAsyncEventStore.AppendAsync"/> in a loop, against a fresh database per producer count in
/// the work directory (so on its real file system: fsync is what is measured).
/// </summary>
internal static class StoreEnqueue
{
    public static async Task<StoreResult> RunAsync(string directory, int producers, TimeSpan warmup, TimeSpan duration, TimeSpan patience)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        var database = SqliteDatabase.AsyncEvents(directory);
        var counter = CommitCounter.AttachToPool(database);
        var store = new SqliteAsyncEventStore(database);
        try
        {
            var writer = WriterThread.Find("fulmen-async-store");
            var payload = EventPayload.Bytes;
            async Task<bool> Append(int _)
            {
                await store.AppendAsync(EventPayload.NewEvent(store), payload);
                return true;
            }

            await PhaseMeter.WaitForQuietAsync(patience);
            await ClosedLoop.ConcurrentAsync(producers, Append, TimeSpan.Zero, warmup);
            var commitsBefore = counter.Commits;
            var writerBefore = writer?.Read() ?? default;
            var started = Stopwatch.GetTimestamp();
            // No server process (pid -1 matches none): the client column is this process, store and producers.
            var phase = await PhaseMeter.MeterAsync(-1,
                () => ClosedLoop.ConcurrentAsync(producers, Append, TimeSpan.Zero, duration));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var writerAfter = writer?.Read() ?? default;
            var commits = counter.Commits - commitsBefore;
            var busy = writer is null ? 0 : (writerAfter.Ticks - writerBefore.Ticks) / 100.0 / seconds * 100;
            var result = new StoreResult(producers, phase, commits, counter.Attached(phase.Latency.Count), counter.Synchronous, busy,
                writerAfter.VoluntarySwitches - writerBefore.VoluntarySwitches, WalFile.Megabytes(directory));
            PhaseMeter.Log(FormattableString.Invariant(
                $"  {commits} commits ({result.EventsPerCommit:0.0} events each), writer thread {busy:0}% of a core, {result.WriterBlocks} blocking waits, WAL file {result.WalMegabytes:0.0} MB"));
            return result;
        }
        finally
        {
            await store.DisposeAsync();
            CommitCounter.ReleasePool();
            Directory.Delete(directory, recursive: true);
        }
    }
}
