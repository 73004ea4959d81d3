using System.Diagnostics;
using System.Globalization;
using Fulmen.Storage;
using Fulmen.Storage.Queues;

namespace Fulmen.Bench.Async;

/// <summary>
/// A longer look at the durable queue under sustained appends (the <c>async-store</c> subcommand): a line a second
/// with the events of that second and the size of the WAL file (SQLite), which shows whether the store's
/// checkpoints keep up with its writer.
/// </summary>
internal static class StoreSoak
{
    public static async Task<int> RunAsync(string directory, string? postgresCluster, int producers, double seconds)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        var database = postgresCluster is null ? null : await Fulmen.Storage.PostgreSql.PostgreSqlDatabases.CreateAsync(postgresCluster, "fulmen_bench");
        var backend = await StorageBackends.OpenAsync(new StorageOptions { DataDirectory = directory, Database = database }, TimeProvider.System);
        long appended = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var item = new QueueAppend { Body = EventPayload.Bytes, Attributes = EventPayload.Attributes, Holder = "bench", Delay = TimeSpan.FromMinutes(20) };
        var loops = Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            var ticks = new List<long>(64 * 1024);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                await backend.Queues.AppendAsync("lambda-async", item);
                ticks.Add(Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref appended);
            }
            return ticks;
        })).ToArray();
        var all = Task.WhenAll(loops);
        Console.WriteLine("second\tevents/s\twal_MB\tdb_MB");
        var (lastEvents, second) = (0L, 0);
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(1000));
            var events = Interlocked.Read(ref appended);
            second++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{second}\t{events - lastEvents}\t{WalFile.Megabytes(directory):0.0}\t{WalFile.DatabaseMegabytes(directory):0.0}"));
            lastEvents = events;
        }
        var began = deadline - (long)(seconds * Stopwatch.Frequency);
        var stats = Measurement.LatencyStats.From((await all).SelectMany(t => t), Stopwatch.GetTimestamp() - began, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total\t{stats.PerSecond:0}\tp50 {stats.P50Us / 1000:0.00} ms, p99 {stats.P99Us / 1000:0.00} ms, p99.9 {stats.P999Us / 1000:0.00} ms"));
        await backend.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return 0;
    }
}
