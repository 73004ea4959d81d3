using System.Diagnostics;
using System.Globalization;
using Fulmen.Storage.Sqlite;

namespace Fulmen.Bench.Async;

/// <summary>
/// A longer look at the store under sustained appends (the <c>async-store</c> subcommand): a line a second
/// with the events and commits of that second and the size of the WAL file, which shows whether the
/// store's checkpoints keep up with its writer.
/// </summary>
internal static class StoreSoak
{
    public static async Task<int> RunAsync(string directory, int producers, double seconds)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        var database = SqliteDatabase.AsyncEvents(directory);
        var counter = CommitCounter.AttachToPool(database);
        var store = new SqliteAsyncEventStore(database);
        long appended = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            var ticks = new List<long>(64 * 1024);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                await store.AppendAsync(EventPayload.NewEvent(store), EventPayload.Bytes);
                ticks.Add(Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref appended);
            }
            return ticks;
        })).ToArray();
        var all = Task.WhenAll(loops);
        Console.WriteLine("second\tevents/s\tcommits/s\twal_MB\tdb_MB");
        var (lastEvents, lastCommits, second) = (0L, 0L, 0);
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(1000));
            var (events, commits) = (Interlocked.Read(ref appended), counter.Commits);
            second++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{second}\t{events - lastEvents}\t{commits - lastCommits}\t{WalFile.Megabytes(directory):0.0}\t{WalFile.DatabaseMegabytes(directory):0.0}"));
            (lastEvents, lastCommits) = (events, commits);
        }
        var began = deadline - (long)(seconds * Stopwatch.Frequency);
        var stats = Measurement.LatencyStats.From((await all).SelectMany(t => t), Stopwatch.GetTimestamp() - began, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total\t{stats.PerSecond:0}\t{counter.Commits / seconds:0}\tp50 {stats.P50Us / 1000:0.00} ms, p99 {stats.P99Us / 1000:0.00} ms, p99.9 {stats.P999Us / 1000:0.00} ms"));
        await store.DisposeAsync();
        CommitCounter.ReleasePool();
        Directory.Delete(directory, recursive: true);
        return 0;
    }
}
