using Fulmen.Execution.RuntimeApi;
using Fulmen.Execution.Spawning;

namespace Fulmen.Execution.Environments;

/// <summary>
/// A runtime (.NET host, Node.js or Python bootstrap) started ahead of need in a sandbox of its own, loaded and warmed up,
/// waiting on its own Runtime API endpoint to be told which function to load. An environment takes it over: endpoint,
/// process, sandbox and all.
/// </summary>
public sealed class PrewarmedHost : IRuntimeApiTarget, IAssignmentSource
{
    private readonly TaskCompletionSource<ReadOnlyMemory<byte>> _assignment = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const string WarmUpRequestId = "fulmen-warm-up";
    private Invocation? _warmUp = new(WarmUpRequestId, """{"name":"warm-up","count":1}"""u8.ToArray(), "arn:aws:lambda:us-east-1:000000000000:function:fulmen-warm-up")
    {
        DeadlineMs = long.MaxValue,
    };

    public RuntimeApiServer Listener { get; internal set; } = null!;

    public ChildProcess Process { get; internal set; } = null!;

    /// <summary>The groups the runtime started in, with no memory limit until an environment takes it.</summary>
    public Sandbox.Sandbox Sandbox { get; internal set; } = null!;

    /// <summary>Completes when the host asks for its assignment: it is started, warm and waiting.</summary>
    public Task Waiting => _waiting.Task;

    public bool IsAlive => Process is { Exited.IsCompleted: false };

    /// <summary>Stops a host no environment took (or could take): its process, its groups and its endpoint.</summary>
    internal async Task DiscardAsync(TimeProvider time)
    {
        if (Process is { } process)
        {
            process.Kill();
            try
            {
                await process.Exited.WaitAsync(TimeSpan.FromSeconds(5), time);
            }
            catch (TimeoutException)
            {
            }
        }
        // After the exit: a group with a process in it cannot be removed.
        Sandbox?.Dispose();
        if (Listener is { } listener)
        {
            await listener.DisposeAsync();
        }
    }

    /// <summary>Hands the host its function; it then loads it and calls <c>/next</c> on the same endpoint.</summary>
    public void Assign(ReadOnlyMemory<byte> assignment) => _assignment.TrySetResult(assignment);

    ValueTask<ReadOnlyMemory<byte>> IAssignmentSource.AssignmentAsync(CancellationToken cancellationToken)
    {
        _waiting.TrySetResult();
        return new ValueTask<ReadOnlyMemory<byte>>(_assignment.Task.WaitAsync(cancellationToken));
    }

    // Before it asks for its assignment, the host warms up with one invocation that goes nowhere.
    ValueTask<Invocation> IRuntimeApiTarget.NextAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _warmUp, null) is { } warmUp
            ? ValueTask.FromResult(warmUp)
            : ValueTask.FromException<Invocation>(new InvalidOperationException("A pre-started host has no function yet."));

    RuntimeApiResult IRuntimeApiTarget.Respond(string requestId, ReadOnlyMemory<byte> body, string? contentType, bool isError) =>
        requestId == WarmUpRequestId ? RuntimeApiResult.Accepted : RuntimeApiResult.InvalidRequestId;

    RuntimeApiResult IRuntimeApiTarget.ResponseTooLarge(string requestId) => RuntimeApiResult.InvalidRequestId;

    RuntimeApiResult IRuntimeApiTarget.InitError(ReadOnlyMemory<byte> body, string? errorType) => RuntimeApiResult.InvalidStateTransition;
}
