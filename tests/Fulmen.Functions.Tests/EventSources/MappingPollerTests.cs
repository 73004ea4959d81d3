using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fulmen.Execution.Environments;
using Fulmen.Functions.Api;
using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.EventSources.Polling;
using Fulmen.Functions.Invocation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Functions.Tests.EventSources;

/// <summary>A poller over the in-memory queue: batches invoke the function, and SQS's failure rules decide what is deleted.</summary>
public sealed class MappingPollerTests : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEventSource _source;
    private readonly Channel<string> _results = Channel.CreateUnbounded<string>();
    private readonly Channel<InvokeRequest> _invocations = Channel.CreateUnbounded<InvokeRequest>();
    private MappingPoller? _poller;

    public MappingPollerTests() => _source = new InMemoryEventSource(_time);

    private static EventSourceMappingRecord Mapping(bool reportFailures = false) => new()
    {
        Uuid = "8d1b7a52-0000-4000-8000-000000000001",
        EventSourceArn = "arn:aws:sqs:us-east-1:000000000000:orders",
        FunctionName = "worker",
        Qualifier = "live",
        BatchSize = 10,
        State = MappingStates.Enabled,
        LastProcessingResult = MappingStates.NoRecordsProcessed,
        FunctionResponseTypes = reportFailures ? ["ReportBatchItemFailures"] : [],
        MaximumConcurrency = 2,
    };

    /// <summary>Starts a poller whose function answers each batch with <paramref name="answer"/>.</summary>
    private void Start(Func<JsonElement, InvokeResult> answer, bool reportFailures = false)
    {
        _poller = new MappingPoller(Mapping(reportFailures), _source,
            (request, _) =>
            {
                _invocations.Writer.TryWrite(request);
                using var document = JsonDocument.Parse(request.Payload);
                return Task.FromResult(answer(document.RootElement));
            },
            result => { _results.Writer.TryWrite(result); return Task.CompletedTask; },
            () => null, _time, NullLogger.Instance);
        _poller.Start();
    }

    private static InvokeResult Returns(string payload, bool functionError = false) => new("req", new InvocationOutcome
    {
        IsFunctionError = functionError, Payload = Encoding.UTF8.GetBytes(payload), ExecutedVersion = "1",
    }, null);

    private async Task<string> NextResultAsync() => await _results.Reader.ReadAsync(new CancellationTokenSource(Guard).Token);

    [Fact]
    public async Task Success_InvokesTheQualifiedFunction_AndDeletesTheBatch()
    {
        _source.Send("a", "{\"n\":1}");
        _source.Send("b", "plain");
        Start(_ => Returns("null"));
        Assert.Equal(MappingStates.Ok, await NextResultAsync());
        Assert.Equal(["a", "b"], _source.Deleted.Order());
        var request = await _invocations.Reader.ReadAsync();
        Assert.Equal(("worker", "live"), (request.FunctionName, request.Qualifier));
        Assert.Null(request.Caller); // mappings invoke with the execution role: no resource policy check
    }

    [Fact]
    public async Task FunctionError_LeavesTheBatch_ForTheVisibilityTimeout_ThenItComesBack()
    {
        _source.Send("a", "x");
        var attempt = 0;
        Start(records => ++attempt == 1 ? Returns("{\"errorMessage\":\"boom\"}", functionError: true) : Returns("{}"));
        Assert.Equal(MappingStates.FunctionCallFailed, await NextResultAsync());
        Assert.Empty(_source.Deleted);
        Assert.Empty(_source.Returned);
        Assert.Equal(1, _source.InFlight);

        _source.ExpireVisibility();
        Assert.Equal(MappingStates.Ok, await NextResultAsync());
        Assert.Equal(["a"], _source.Deleted);
        await _invocations.Reader.ReadAsync();
        var second = await _invocations.Reader.ReadAsync();
        using var document = JsonDocument.Parse(second.Payload);
        Assert.Equal("2", document.RootElement.GetProperty("Records")[0].GetProperty("attributes").GetProperty("ApproximateReceiveCount").GetString());
    }

    [Fact]
    public async Task ReportBatchItemFailures_DeletesAllButTheListed()
    {
        _source.Send("a", "x");
        _source.Send("b", "x");
        _source.Send("c", "x");
        Start(_ => Returns("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}"), reportFailures: true);
        Assert.Equal(MappingStates.Ok, await NextResultAsync());
        Assert.Equal(["a", "c"], _source.Deleted.Order());
        Assert.Equal(1, _source.InFlight);
        var counts = _poller!.Counters.Snapshot();
        Assert.Equal((3, 0, 3, 1, 2, 0), (counts.PolledEventCount, counts.FilteredOutEventCount, counts.InvokedEventCount,
            counts.FailedInvokeEventCount, counts.DeletedEventCount, counts.InFlight));
    }

    [Fact]
    public async Task Throttle_GivesTheBatchBack_WithoutDeletingAnything()
    {
        _source.Send("a", "x");
        Start(_ => InvokeResult.Failed("req", LambdaError.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded")));
        Assert.Equal(MappingStates.FunctionCallFailed, await NextResultAsync());
        Assert.Empty(_source.Deleted);
        Assert.Equal(["a"], _source.Returned.Select(r => r.Id));
        Assert.True(_source.Returned[0].Delay > TimeSpan.Zero);
        Assert.Equal(0, _poller!.Counters.Snapshot().InvokedEventCount); // a throttled batch never reached the function
    }

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
            Assert.True(_source.Disposed);
        }
    }
}
