using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Storage;
using Fulmen.Storage.Queues;

namespace Fulmen.Bench.Async;

/// <summary>One producer count against one backend's queue: the appends as the producers saw them.</summary>
internal sealed record StoreResult(string Backend, int Producers, Phase Phase, double WriterBusyPercent, long WriterBlocks, double WalMegabytes);

/// <summary>
/// Durable enqueue without HTTP: <c>N</c> producers in this process, each awaiting <see cref="IQueueStore.AppendAsync"/>
/// of an asynchronous event (held by the node, as the server appends them) in a loop, against a fresh database per
/// producer count: SQLite in the work directory (on its real file system: fsync is what is measured), or a new
/// database on the PostgreSQL cluster given.
/// </summary>
internal static class StoreEnqueue
{
    public static async Task<StoreResult> RunAsync(string directory, string? postgresCluster, int producers, TimeSpan warmup, TimeSpan duration, TimeSpan patience)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        var database = postgresCluster is null ? null : await Fulmen.Storage.PostgreSql.PostgreSqlDatabases.CreateAsync(postgresCluster, "fulmen_bench");
        var backend = await StorageBackends.OpenAsync(new StorageOptions { DataDirectory = directory, Database = database }, TimeProvider.System);
        try
        {
            var writer = WriterThread.Find("fulmen-queue-writer");
            var payload = EventPayload.Bytes;
            var attributes = EventPayload.Attributes;
            async Task<bool> Append(int _)
            {
                await backend.Queues.AppendAsync("lambda-async", new QueueAppend
                {
                    Body = payload,
                    Attributes = attributes,
                    Holder = "bench",
                    Delay = TimeSpan.FromMinutes(20),
                });
                return true;
            }

            await PhaseMeter.WaitForQuietAsync(patience);
            await ClosedLoop.ConcurrentAsync(producers, Append, TimeSpan.Zero, warmup);
            var writerBefore = writer?.Read() ?? default;
            var started = Stopwatch.GetTimestamp();
            // No server process (pid -1 matches none): the client column is this process, store and producers.
            var phase = await PhaseMeter.MeterAsync(-1,
                () => ClosedLoop.ConcurrentAsync(producers, Append, TimeSpan.Zero, duration));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var writerAfter = writer?.Read() ?? default;
            var busy = writer is null ? 0 : (writerAfter.Ticks - writerBefore.Ticks) / 100.0 / seconds * 100;
            var result = new StoreResult(backend.Kind, producers, phase, busy,
                writerAfter.VoluntarySwitches - writerBefore.VoluntarySwitches, WalFile.Megabytes(directory));
            PhaseMeter.Log(FormattableString.Invariant(
                $"  {backend.Kind}: writer thread {busy:0}% of a core, {result.WriterBlocks} blocking waits, WAL file {result.WalMegabytes:0.0} MB"));
            return result;
        }
        finally
        {
            await backend.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
