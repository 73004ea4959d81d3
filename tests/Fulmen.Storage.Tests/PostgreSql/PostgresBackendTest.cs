using Fulmen.Storage.PostgreSql;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.PostgreSql;

/// <summary>A test with the PostgreSQL backend open on a database of its own and a fake clock.</summary>
public abstract class PostgresBackendTest(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"fulmen-pg-data-{Guid.NewGuid():N}");

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    protected PostgresCluster Cluster => cluster;

    protected string Url { get; private set; } = "";

    protected StorageBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Url = await cluster.CreateDatabaseAsync();
        Backend = await OpenAsync();
    }

    protected Task<StorageBackend> OpenAsync() => PostgreSqlBackend.OpenAsync(Url, _dataDirectory, Time);

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
