using Fulmen.Storage.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlCheckpointStoreTests(PostgresCluster cluster) : CheckpointStoreContract
{
    private readonly PostgresTestData _data = new(cluster);

    protected override Task<StorageBackend> OpenAsync(FakeTimeProvider time) => _data.OpenAsync(time);

    protected override Task SetSchemaVersionAsync(int version) => _data.SetSchemaVersionAsync(version);

    protected override Task DeleteDataAsync() => _data.DeleteAsync();
}
