using System.Text;
using System.Threading.Channels;
using Fulmen.Execution.Environments;
using Fulmen.Functions.EventSources;
using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.EventSources.Polling;
using Fulmen.Functions.Invocation;
using Fulmen.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fulmen.Functions.Tests.EventSources;

/// <summary>
/// The supervisor over a real store (SQLite in a temporary directory): it settles states as AWS does and runs exactly
/// one poller per enabled mapping whose source kind is registered.
/// </summary>
public sealed class MappingSupervisorTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("fulmen-mappings-").FullName;
    private readonly Channel<InvokeRequest> _invocations = Channel.CreateUnbounded<InvokeRequest>();
    private readonly List<InMemoryEventSource> _opened = [];
    private StorageBackend? _storage;
    private MappingStore? _store;
    private MappingSupervisor? _supervisor;

    private sealed class RecordingTarget(Channel<InvokeRequest> invocations) : IMappingTarget
    {
        public Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken)
        {
            invocations.Writer.TryWrite(request);
            return Task.FromResult(new InvokeResult("req", new InvocationOutcome { IsFunctionError = false, Payload = Encoding.UTF8.GetBytes("null"), ExecutedVersion = "$LATEST" }, null));
        }

        public int? ReservedConcurrency(string functionName) => null;
    }

    public async Task InitializeAsync()
    {
        _storage = await StorageBackends.OpenAsync(new StorageOptions { DataDirectory = _directory }, TimeProvider.System);
        _store = new MappingStore(_storage.Documents);
        var registry = new EventSourceRegistry([new EventSourceKind("sqs", _ =>
        {
            var source = new InMemoryEventSource(TimeProvider.System);
            source.Send("m1", "hello");
            lock (_opened)
            {
                _opened.Add(source);
            }
            return source;
        })]);
        _supervisor = new MappingSupervisor(_store, registry, new RecordingTarget(_invocations), TimeProvider.System, NullLogger<MappingSupervisor>.Instance);
        await _supervisor.StartAsync(CancellationToken.None);
    }

    private static EventSourceMappingRecord Mapping(string uuid, string state, bool enabled = true) => new()
    {
        Uuid = uuid, EventSourceArn = "arn:aws:sqs:us-east-1:000000000000:orders", FunctionName = "worker",
        BatchSize = 10, State = state, Enabled = enabled, LastProcessingResult = MappingStates.NoRecordsProcessed,
    };

    [Fact]
    public async Task Creating_SettlesToEnabled_AndPolls_ThenDeleteStopsItAndRemovesTheMapping()
    {
        var (_, created) = await _store!.TryCreateAsync(Mapping("u-1", MappingStates.Creating), _ => false);
        Assert.True(created);

        var request = await _invocations.Reader.ReadAsync(new CancellationTokenSource(Guard).Token);
        Assert.Equal("worker", request.FunctionName);
        Assert.Equal(MappingStates.Enabled, (await _store.FindAsync("u-1"))!.State);
        Assert.NotNull(_supervisor!.PollerOf("u-1"));

        await _store.ChangeAsync("u-1", current => current with { State = MappingStates.Deleting });
        await WaitAsync(async () => await _store.FindAsync("u-1") is null);
        Assert.Null(_supervisor.PollerOf("u-1"));
        Assert.True(_opened.Single().Disposed);
    }

    [Fact]
    public async Task CreatingDisabled_SettlesToDisabled_WithoutPolling()
    {
        await _store!.TryCreateAsync(Mapping("u-2", MappingStates.Creating, enabled: false), _ => false);
        await WaitAsync(async () => (await _store.FindAsync("u-2"))!.State == MappingStates.Disabled);
        Assert.Null(_supervisor!.PollerOf("u-2"));
        Assert.Empty(_opened);
    }

    [Fact]
    public async Task LastProcessingResult_IsStored_AfterTheFirstBatch()
    {
        await _store!.TryCreateAsync(Mapping("u-3", MappingStates.Creating), _ => false);
        await WaitAsync(async () => (await _store.FindAsync("u-3"))!.LastProcessingResult == MappingStates.Ok);
        Assert.Equal(["m1"], _opened.Single().Deleted);
    }

    /// <summary>Waits for a stored state the supervisor reaches on its own (guard: 30 s).</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the supervisor never got there");
            await Task.Yield();
        }
    }

    public async Task DisposeAsync()
    {
        if (_supervisor is not null)
        {
            await _supervisor.StopAsync(CancellationToken.None);
        }
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }
}
