using System.Threading.Channels;
using Fulmen.Execution.Logs;
using Fulmen.Execution.RuntimeApi;
using Fulmen.Execution.Runtimes;
using Fulmen.Execution.Spawning;

namespace Fulmen.Execution.Environments;

/// <summary>
/// One runtime process with its own Runtime API endpoint, running one invocation at a time.
/// Invocations reach the runtime's waiting <c>/next</c> through a one-slot channel; its answer comes
/// back through the invocation's completion source.
/// </summary>
public sealed partial class ExecutionEnvironment : IAsyncDisposable
{
    private readonly EnvironmentServices _services;
    private readonly Channel<Invocation> _next = Channel.CreateBounded<Invocation>(
        new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<RuntimeFailure?> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startedAt;
    private readonly string _tmpDirectory;
    private readonly LogStream _log;
    /// <summary>Made when the runtime starts, or the taken pre-started runtime's own.</summary>
    private Sandbox.Sandbox? _sandbox;
    private RuntimeApiServer? _api;
    private ChildProcess? _runtime;
    private Invocation? _current;
    private TimeSpan? _initDuration;
    private bool _initReported;
    /// <summary>The pool whose host this environment took, until that pool has been told to start a replacement.</summary>
    private PrewarmedHosts? _replenishPool;
    private volatile bool _dead;
    private int _disposed;

    private ExecutionEnvironment(EnvironmentSpec spec, EnvironmentServices services, bool provisioned)
    {
        Spec = spec;
        _services = services;
        IsProvisioned = provisioned;
        // Provisioned init ran ahead of any invoke, so no REPORT line carries it (as on AWS).
        _initReported = provisioned;
        Id = Guid.NewGuid().ToString("N");
        _startedAt = services.Time.GetTimestamp();
        LastUsed = _startedAt;
        var now = services.Time.GetUtcNow();
        LogStreamName = $"{now:yyyy'/'MM'/'dd}/[{spec.Version}]{Id}";
        _tmpDirectory = Directory.CreateDirectory(Path.Combine(services.Options.WorkDirectory, Id, "tmp")).FullName;
        _log = services.Logs.OpenStream(spec.LogGroup, LogStreamName);
    }

    public string Id { get; }
    public EnvironmentSpec Spec { get; }
    public string LogStreamName { get; }

    /// <summary>When the environment last finished an invocation (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastUsed { get; private set; }

    /// <summary>False once the runtime has exited, failed init or timed out: the environment cannot be reused.</summary>
    public bool IsReusable => !_dead;

    /// <summary>1 while a provisioned pool has lent this environment to an invocation (ProvisionedPool).</summary>
    internal int ProvisionedTaken;

    /// <summary>Started ahead of invokes for provisioned concurrency (<c>AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency</c>).</summary>
    public bool IsProvisioned { get; }

    /// <summary>Completes when the runtime process has exited (at once when it never started).</summary>
    internal Task RuntimeExited => _runtime?.Exited ?? Task.CompletedTask;

    /// <summary>
    /// Starts the runtime API and the runtime; init continues in the background. A provisioned environment does not take
    /// a pre-started runtime: those are kept for on-demand cold starts, and its own start is off every invoke's path.
    /// </summary>
    public static async Task<ExecutionEnvironment> StartAsync(EnvironmentSpec spec, EnvironmentServices services, CancellationToken cancellationToken,
        bool provisioned = false)
    {
        var environment = new ExecutionEnvironment(spec, services, provisioned);
        try
        {
            if (!provisioned && services.Prewarmed.For(spec) is { } pool && pool.TryTake() is { } host
                && environment.TryTakeOver(pool, host))
            {
                return environment;
            }
            var sandbox = environment._sandbox = services.Sandboxes.Create(environment.Id, spec.MemorySize);
            environment._api = await services.Listeners.RentAsync(environment, cancellationToken);
            await environment.StartProcessAsync(sandbox);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs one invocation to its end: response, function error, timeout or crash. Like AWS, a caller
    /// that goes away does not stop the function; only the timeout does.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(Invocation invocation)
    {
        var time = _services.Time;
        // The invocation's own lines, kept only when the caller asked for the tail.
        var lines = invocation.WantsLogTail ? new List<(long, string)>(3) : null;
        Log($"START RequestId: {invocation.RequestId} Version: {Spec.Version}\n", lines);
        var timeout = TimeSpan.FromSeconds(Spec.TimeoutSeconds);

        RuntimeReply reply;
        var started = time.GetTimestamp();
        var initFailure = await WaitForInitAsync(timeout);
        if (initFailure is not null)
        {
            reply = initFailure.ToReply(invocation.RequestId);
            _dead = true;
        }
        else
        {
            started = time.GetTimestamp();
            invocation.DeadlineMs = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)timeout.TotalMilliseconds;
            Interlocked.Exchange(ref _current, invocation);
            _next.Writer.TryWrite(invocation);
            if (_dead)
            {
                // The runtime exited while idle, before this invocation was visible to OnRuntimeExited.
                invocation.TryReply(ExitFailure().ToReply(invocation.RequestId));
            }
            try
            {
                reply = await invocation.Reply.WaitAsync(timeout, time);
            }
            catch (TimeoutException)
            {
                _dead = true;
                reply = PlatformError.Reply("Sandbox.Timedout",
                    $"RequestId: {invocation.RequestId} Error: Task timed out after {Spec.TimeoutSeconds:0.00} seconds");
                invocation.TryReply(reply);
                Log($"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {invocation.RequestId} Task timed out after {Spec.TimeoutSeconds:0.00} seconds\n", lines);
            }
            Volatile.Write(ref _current, null);
        }

        var elapsed = time.GetElapsedTime(started);
        if (_replenishPool is { } pool)
        {
            _replenishPool = null;
            pool.Replenish();
        }
        var initDuration = _initReported ? null : _initDuration;
        _initReported = true;
        WriteEndAndReport(invocation.RequestId, elapsed, initDuration, lines);
        LastUsed = time.GetTimestamp();

        var tail = lines is null ? null : Convert.ToBase64String(_log.ReadTail(lines, 4096));
        if (_dead)
        {
            KillRuntime();
        }
        return new InvocationOutcome
        {
            IsFunctionError = reply.IsError,
            Payload = reply.Body,
            ContentType = reply.ContentType ?? "application/json",
            ExecutedVersion = Spec.Version,
            LogTail = tail,
        };
    }

    /// <summary>
    /// Waits for init to end ahead of any invoke (provisioned concurrency): null once the runtime asked for its first
    /// invocation, else what failed (its <c>/init/error</c>, an exit, or init running past <paramref name="limit"/>).
    /// </summary>
    internal async Task<string?> WaitForInitAheadAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        RuntimeFailure? failure;
        try
        {
            failure = await _init.Task.WaitAsync(limit, _services.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            _dead = true;
            KillRuntime();
            return $"Sandbox.Timedout: init did not finish within {limit.TotalSeconds:0.00} seconds";
        }
        if (failure is null)
        {
            return null;
        }
        _dead = true;
        return failure.RuntimeBody is { } body ? System.Text.Encoding.UTF8.GetString(body) : $"{failure.ErrorType}: {failure.Message}";
    }

    private async ValueTask<RuntimeFailure?> WaitForInitAsync(TimeSpan functionTimeout)
    {
        if (_init.Task.IsCompletedSuccessfully)
        {
            return _init.Task.Result;
        }
        // AWS gives init 10 s on its own; past that, init is retried within the invoke's own timeout.
        var limit = _services.Options.InitTimeout + functionTimeout;
        try
        {
            return await _init.Task.WaitAsync(limit, _services.Time);
        }
        catch (TimeoutException)
        {
            return new RuntimeFailure(null, $"Error: Task timed out after {limit.TotalSeconds:0.00} seconds", "Sandbox.Timedout");
        }
    }

    private void Log(string line, List<(long, string)>? lines)
    {
        var at = _log.Append(line);
        lines?.Add((at, line));
    }

    private void WriteEndAndReport(string requestId, TimeSpan duration, TimeSpan? initDuration, List<(long, string)>? lines)
    {
        var maxUsed = _sandbox?.MaxMemoryUsedBytes() is { } bytes ? (bytes + (1 << 20) - 1) >> 20 : 0;
        var billed = Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds + (initDuration?.TotalMilliseconds ?? 0)));
        var init = initDuration is { } d ? $"\tInit Duration: {d.TotalMilliseconds:0.00} ms" : "";
        Log($"END RequestId: {requestId}\nREPORT RequestId: {requestId}\tDuration: {duration.TotalMilliseconds:0.00} ms\tBilled Duration: {billed} ms\tMemory Size: {Spec.MemorySize} MB\tMax Memory Used: {maxUsed} MB{init}\t\n", lines);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _dead = true;
        KillRuntime();
        if (_runtime is not null)
        {
            try
            {
                await _runtime.Exited.WaitAsync(TimeSpan.FromSeconds(5), _services.Time);
            }
            catch (TimeoutException)
            {
            }
        }
        _sandbox?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
        _next.Writer.TryComplete();
        _log.End();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_tmpDirectory)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void KillRuntime()
    {
        _sandbox?.KillAll();
        _runtime?.Kill();
    }
}
