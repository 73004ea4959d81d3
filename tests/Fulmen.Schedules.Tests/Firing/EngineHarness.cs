using Fulmen.Schedules.Firing;
using Fulmen.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Schedules.Tests.Firing;

/// <summary>
/// A schedule engine on a fake clock over a SQLite store in a temporary directory that outlives the engine, so a test
/// can stop it and start another over the same data (a restart).
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private StorageBackend? _storage;

    public EngineHarness(DateTimeOffset start) => Time = new FakeTimeProvider(start);

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("fulmen-schedules-").FullName;

    public FakeTimeProvider Time { get; }

    public ScheduleEngine? Engine { get; private set; }

    public StorageBackend Storage => _storage ?? throw new InvalidOperationException("The store is not open.");

    public async Task<StorageBackend> OpenStorageAsync() =>
        _storage ??= await StorageBackends.OpenAsync(new StorageOptions { DataDirectory = DataDirectory }, Time);

    /// <summary>Opens the store (if closed) and starts an engine with these owners; <paramref name="clock"/> defaults to the fake clock.</summary>
    public async Task<ScheduleEngine> StartAsync(IEnumerable<IScheduleOwner> owners, string holder = "node-a", TimeProvider? clock = null,
        ScheduleChangeSignal? changes = null)
    {
        var storage = await OpenStorageAsync();
        Engine = new ScheduleEngine(owners, changes ?? new ScheduleChangeSignal(), storage.Documents, storage.Leases, Time,
            new ScheduleClock(clock ?? Time), new ScheduleEngineOptions { Holder = holder }, new ScheduleMetrics(), NullLogger<ScheduleEngine>.Instance);
        await Engine.StartAsync(CancellationToken.None);
        return Engine;
    }

    /// <summary>Stops the engine (as a shutdown does) and closes the store.</summary>
    public async Task StopAsync()
    {
        if (Engine is { } engine)
        {
            Engine = null;
            await engine.StopAsync(CancellationToken.None);
            engine.Dispose();
        }
        if (_storage is { } storage)
        {
            _storage = null;
            await storage.DisposeAsync();
        }
    }

    /// <summary>Waits until the engine has planned every schedule it lists (it holds the lease and read its state).</summary>
    public async Task WaitPlannedAsync(int schedules)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (Engine!.Snapshot() is var all && (all.Count < schedules || all.Any(s => s.NextScheduledTime is null && s.LastResult is null)))
        {
            if (guard.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"the engine planned {all.Count(s => s.NextScheduledTime is not null)} of {schedules} schedules");
            }
            await Task.Delay(5);
        }
    }

    /// <summary>Moves the fake clock to the engine's next fire time and waits for that tick (and any due with it).</summary>
    public async Task<DateTimeOffset> StepAsync(RecordingOwner owner)
    {
        await WaitSettledAsync();
        var before = owner.Fires.Count;
        var next = Engine!.Snapshot().Where(s => s.NextFireTime is not null).Min(s => s.NextFireTime!.Value);
        var due = Engine.Snapshot().Count(s => s.NextFireTime == next && s.Owner == owner.Name);
        Time.SetUtcNow(next);
        await owner.WaitForAsync(before + due);
        return next;
    }

    /// <summary>Waits until nothing due by the fake clock is left unfired (every fired schedule planned its next tick).</summary>
    public async Task WaitSettledAsync()
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (Engine!.Snapshot().Any(s => s.NextFireTime is { } at && at <= Time.GetUtcNow()))
        {
            if (guard.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("the engine left due ticks unfired");
            }
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
