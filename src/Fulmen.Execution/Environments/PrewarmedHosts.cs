using System.Collections.Concurrent;
using System.Globalization;
using Fulmen.Execution.Runtimes;
using Fulmen.Execution.Spawning;
using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.Environments;

/// <summary>
/// A small pool of pre-started runtimes of one kind (.NET hosts, Node.js or Python bootstraps; sizes in
/// <see cref="EnvironmentOptions"/>), so that a cold start pays only for the function's own code load and init.
/// Each waiting .NET host costs about 10 MB of memory of its own (47 MB resident, most of it shared with other .NET
/// processes), a Node.js one about 42 MB resident (6 MB of its own), a Python one 22 MB (12 MB of its own); a taken host is replaced in the background.
/// </summary>
public sealed class PrewarmedHosts : IAsyncDisposable
{
    private readonly EnvironmentServices _services;
    private readonly string _runtime;
    private readonly ConcurrentQueue<PrewarmedHost> _ready = new();
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _failuresInARow;
    private long _taken;

    /// <param name="runtime">A runtime of the pool's kind: every runtime of a kind starts the same program.</param>
    internal PrewarmedHosts(EnvironmentServices services, RuntimeKind kind, string runtime, int size)
    {
        _services = services;
        _runtime = runtime;
        Kind = kind;
        Size = size;
        _logger = services.LoggerFactory.CreateLogger<PrewarmedHosts>();
    }

    public RuntimeKind Kind { get; }

    public int Size { get; }

    /// <summary>Hosts started and waiting for a function now (for the server's metrics).</summary>
    public int Waiting => _ready.Count;

    /// <summary>Cold starts served by a host of this pool since the server started (for the server's metrics).</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Starts hosts until the pool is full; called once at server start.</summary>
    public void Fill()
    {
        // A machine without this runtime's interpreter has nothing to pre-start; its cold starts report that it is missing.
        if (Size == 0 || _services.Launcher.Resolve(_runtime, _services.Options.WorkDirectory).Command is null)
        {
            return;
        }
        for (var i = 0; i < Size; i++)
        {
            StartOne();
        }
    }

    /// <summary>
    /// A warm, waiting host, or null when none is ready (the caller then starts a runtime the usual way). The taker
    /// calls <see cref="Replenish"/> once its first invocation is over, so that starting the replacement (a quarter
    /// of a CPU-second) does not compete with the cold start it was kept for.
    /// </summary>
    public PrewarmedHost? TryTake()
    {
        while (_ready.TryDequeue(out var host))
        {
            if (host.IsAlive)
            {
                Interlocked.Increment(ref _taken);
                return host;
            }
            StartOne();
            _ = host.DiscardAsync(_services.Time);
        }
        return null;
    }

    /// <summary>Starts a host in place of one that was taken.</summary>
    public void Replenish() => StartOne();

    private void StartOne()
    {
        if (_stopping.IsCancellationRequested || Volatile.Read(ref _failuresInARow) >= 3)
        {
            return;
        }
        // Off the caller's path: the caller is an invocation's reply or a cold start.
        _ = Task.Run(StartOneAsync);
    }

    private async Task StartOneAsync()
    {
        PrewarmedHost? host = null;
        try
        {
            var work = Directory.CreateDirectory(Path.Combine(_services.Options.WorkDirectory, "prewarmed")).FullName;
            var (command, problem) = _services.Launcher.Resolve(_runtime, work);
            if (command is null)
            {
                throw new RuntimeUnavailableException(problem!);
            }
            host = new PrewarmedHost();
            host.Sandbox = _services.Sandboxes.CreateWithoutMemoryLimit($"prewarmed-{Guid.NewGuid():N}");
            host.Listener = await _services.Listeners.RentAsync(host, _stopping.Token);
            var port = host.Listener.Port.ToString(CultureInfo.InvariantCulture);
            List<KeyValuePair<string, string>> variables =
            [
                new("AWS_LAMBDA_RUNTIME_API", $"127.0.0.1:{port}"),
                new("FULMEN_PREWARMED", "1"),
                new("PATH", "/usr/local/bin:/usr/bin:/bin:/opt/bin"),
                new("LANG", "en_US.UTF-8"),
                new("TZ", ":UTC"),
            ];
            // The runtime's own variables, less those naming a code directory (NODE_PATH): the function's come with its assignment.
            variables.AddRange(command.Environment.Where(v => !v.Value.Contains(work, StringComparison.Ordinal)));
            // In its sandbox from the first instruction, as a runtime started for a function: a cold start that takes it then
            // only sets the memory limit. Until it is taken, a host writes only if it fails to start; one file keeps those reports.
            host.Process = await Spawner.SpawnAsync(SandboxedSpawn.Request(host.Sandbox, [command.FileName, .. command.Arguments], variables,
                work, Path.Combine(work, "hosts.log")));
            await host.Waiting.WaitAsync(TimeSpan.FromSeconds(30), _services.Time, _stopping.Token);
            _ready.Enqueue(host);
            Volatile.Write(ref _failuresInARow, 0);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // Three failures in a row stop the pool: cold starts then start hosts the usual way.
            Interlocked.Increment(ref _failuresInARow);
            _logger.LogWarning(e, "Could not pre-start a {Runtime} host", Kind);
            if (host is not null)
            {
                await host.DiscardAsync(_services.Time);
            }
            StartOne();
        }
        catch (OperationCanceledException) when (host is not null)
        {
            // The pool is stopping while this host starts.
            await host.DiscardAsync(_services.Time);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        while (_ready.TryDequeue(out var host))
        {
            await host.DiscardAsync(_services.Time);
        }
        _stopping.Dispose();
    }
}
