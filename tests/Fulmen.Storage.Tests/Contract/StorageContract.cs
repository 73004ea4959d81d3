using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.Contract;

/// <summary>
/// The base of the storage contract: every fact is written once against <see cref="StorageBackend"/>, and each
/// backend runs it by deriving one small sealed class per contract that says how to open that backend.
/// </summary>
/// <remarks>
/// xunit makes an instance per test, and every instance must reach an empty store of its own (a fresh directory, a
/// fresh database): tests use fixed names and expect to see only what they wrote. The store is opened before each
/// test (<see cref="Backend"/>) with <see cref="Time"/>, a fake clock the test moves; what the test opened is disposed
/// after it, and then <see cref="DeleteDataAsync"/> removes the data.
/// </remarks>
public abstract class StorageContract : IAsyncLifetime
{
    /// <summary>Where the fake clock starts: whole seconds, so times survive a store that keeps milliseconds.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<StorageBackend> _opened = [];

    /// <summary>The clock every backend of this test is opened with.</summary>
    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The backend open now: opened before the test, replaced by <see cref="ReopenAsync"/>.</summary>
    protected StorageBackend Backend { get; private set; } = null!;

    /// <summary>
    /// Opens the backend over this test's data, migrating it as a server start would. Every call must reach the
    /// same data (the first may create it): the facts dispose a backend and open another to check what is durable.
    /// </summary>
    protected abstract Task<StorageBackend> OpenAsync(FakeTimeProvider time);

    /// <summary>
    /// Records <paramref name="version"/> as the schema version of this test's data, as a newer Fulmen would have,
    /// so that the next <see cref="OpenAsync"/> must refuse it. Called while no backend of the test is open.
    /// </summary>
    protected abstract Task SetSchemaVersionAsync(int version);

    /// <summary>Removes this test's data; called after every backend the test opened is disposed.</summary>
    protected virtual Task DeleteDataAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Backend = await OpenTrackedAsync();

    /// <summary>Disposes the open backend (flushing its queue writer) and opens the same data again.</summary>
    protected async Task<StorageBackend> ReopenAsync()
    {
        await CloseAsync();
        return Backend = await OpenTrackedAsync();
    }

    /// <summary>Disposes the open backend; <see cref="Backend"/> must not be used until <see cref="ReopenAsync"/>.</summary>
    protected async Task CloseAsync()
    {
        _opened.Remove(Backend);
        await Backend.DisposeAsync();
    }

    /// <summary>Opens the data once more, as <see cref="OpenAsync"/> does, for a test that expects it to fail.</summary>
    protected Task<StorageBackend> OpenAgainAsync() => OpenTrackedAsync();

    public async Task DisposeAsync()
    {
        foreach (var backend in _opened)
        {
            await backend.DisposeAsync();
        }
        _opened.Clear();
        await DeleteDataAsync();
    }

    private async Task<StorageBackend> OpenTrackedAsync()
    {
        var backend = await OpenAsync(Time);
        _opened.Add(backend);
        return backend;
    }
}
