using Fulmen.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fulmen.Bench.Async;

/// <summary>
/// Counts the transactions <see cref="SqliteAsyncEventStore"/>'s writer commits, so a run can say how many
/// events shared one commit (one fsync). SQLite's commit hook is per connection, and the writer takes its
/// connection from Microsoft.Data.Sqlite's pool: a hook set on the only idle pooled connection just before
/// the store is built travels with that connection to the writer thread. <see cref="Attached"/> says whether
/// it got there (no commit counted although events were stored means it did not).
/// </summary>
internal sealed class CommitCounter
{
    private long _commits;

    private CommitCounter()
    {
    }

    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>The writer connection's <c>PRAGMA synchronous</c> (2 = FULL): what a commit waits for.</summary>
    public long Synchronous { get; private set; }

    public bool Attached(long eventsStored) => eventsStored == 0 || Commits > 0;

    /// <summary>Hooks the idle pooled connection of <paramref name="database"/>; build the store right after.</summary>
    public static CommitCounter AttachToPool(SqliteDatabase database)
    {
        var counter = new CommitCounter();
        using var connection = database.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous";
            counter.Synchronous = (long)command.ExecuteScalar()!;
        }
        SQLitePCL.raw.sqlite3_commit_hook(connection.Handle, static state =>
        {
            Interlocked.Increment(ref ((CommitCounter)state)._commits);
            return 0; // 0: let the commit proceed
        }, counter);
        return counter;
    }

    /// <summary>Closes the pooled connections of the database, hook included, so its files can be deleted.</summary>
    public static void ReleasePool() => SqliteConnection.ClearAllPools();
}
