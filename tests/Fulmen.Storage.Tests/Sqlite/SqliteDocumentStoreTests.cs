using Fulmen.Storage.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.Sqlite;

public sealed class SqliteDocumentStoreTests : DocumentStoreContract
{
    private readonly SqliteTestData _data = new();

    protected override Task<StorageBackend> OpenAsync(FakeTimeProvider time) => _data.OpenAsync(time);

    protected override Task SetSchemaVersionAsync(int version) => _data.SetSchemaVersionAsync(version);

    protected override Task DeleteDataAsync() => _data.DeleteAsync();
}
