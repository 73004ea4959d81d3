using Fulmen.Storage.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.Sqlite;

/// <summary>A <c>queues.db</c> written by schema version 1 (before the highest id was recorded) opens and keeps its ids.</summary>
public sealed class SqliteQueueMigrationTests : IAsyncLifetime
{
    private readonly SqliteTestData _data = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _data.DeleteAsync();

    [Fact]
    public async Task OpenAsync_QueuesDatabaseOfVersionOne_KeepsItsItemsAndNeverHandsTheirIdsOutAgain()
    {
        Directory.CreateDirectory(_data.Directory);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Directory, "queues.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (1, 'queue items', 0);
                CREATE TABLE queue_items (
                    id INTEGER PRIMARY KEY, queue TEXT NOT NULL, body BLOB NOT NULL, attributes BLOB NOT NULL,
                    enqueued_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0, holder TEXT
                );
                CREATE INDEX queue_items_visible ON queue_items (queue, visible_at, id);
                CREATE INDEX queue_items_holder ON queue_items (queue, holder) WHERE holder IS NOT NULL;
                INSERT INTO queue_items (id, queue, body, attributes, enqueued_at, visible_at) VALUES (7, 'q', x'07', x'', 0, 0);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        await using (var migrated = await _data.OpenAsync(time))
        {
            var kept = Assert.Single(await migrated.Queues.LeaseAsync("q", new QueueLeaseRequest { Holder = "node-a", MaxItems = 10, Visibility = TimeSpan.FromMinutes(1) }));
            Assert.Equal(7, kept.Id);
            Assert.Equal([7], kept.Body.ToArray());
            Assert.True(await migrated.Queues.AcknowledgeAsync("q", 7));
        }

        await using var backend = await _data.OpenAsync(time);
        var appended = await backend.Queues.AppendAsync("q", new QueueAppend { Body = new byte[] { 8 } });

        Assert.Equal(8, appended); // not 7 again, though no item is stored any more
    }
}
