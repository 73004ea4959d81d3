using System.Collections.Concurrent;
using System.Globalization;
using Fulmen.Execution.Spawning;
using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.Environments;

/// <summary>
/// A small pool of pre-started .NET hosts (<see cref="EnvironmentOptions.PrewarmedDotnetHosts"/>), so that a
/// dotnet8/dotnet10 cold start pays only for the function's own assembly load and init. Each waiting host
/// costs about 10 MB of memory of its own (47 MB resident, most of it the .NET runtime shared with other .NET processes); a taken host is replaced in the background.
/// </summary>
public sealed class PrewarmedHosts : IAsyncDisposable
{
    private readonly EnvironmentServices _services;
    private readonly ConcurrentQueue<PrewarmedHost> _ready = new();
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _failuresInARow;

    internal PrewarmedHosts(EnvironmentServices services)
    {
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<PrewarmedHosts>();
    }

    public int Size => _services.Options.PrewarmedDotnetHosts;

    /// <summary>Starts hosts until the pool is full; called once at server start.</summary>
    public void Fill()
    {
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
                return host;
            }
            StartOne();
            _ = host.Listener.DisposeAsync().AsTask();
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
            var dotnet = _services.Launcher.DotnetExecutable ?? throw new RuntimeUnavailableException("dotnet is not installed");
            host = new PrewarmedHost();
            host.Listener = await _services.Listeners.RentAsync(host, _stopping.Token);
            var port = host.Listener.Port.ToString(CultureInfo.InvariantCulture);
            var work = Directory.CreateDirectory(Path.Combine(_services.Options.WorkDirectory, "prewarmed")).FullName;
            host.Process = await Spawner.SpawnAsync(new SpawnRequest(dotnet, [dotnet, _services.Launcher.DotnetHost],
                [
                    new("AWS_LAMBDA_RUNTIME_API", $"127.0.0.1:{port}"),
                    new("FULMEN_PREWARMED", "1"),
                    new("PATH", "/usr/local/bin:/usr/bin:/bin:/opt/bin"),
                    new("LANG", "en_US.UTF-8"),
                    new("TZ", ":UTC"),
                ],
                // Until it is taken, a host writes only if it fails to start; one file keeps those reports.
                work, Path.Combine(work, "hosts.log"), []));
            await host.Waiting.WaitAsync(TimeSpan.FromSeconds(30), _services.Time, _stopping.Token);
            _ready.Enqueue(host);
            Volatile.Write(ref _failuresInARow, 0);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // Three failures in a row stop the pool: cold starts then start hosts the usual way.
            Interlocked.Increment(ref _failuresInARow);
            _logger.LogWarning(e, "Could not pre-start a .NET host");
            host?.Process?.Kill();
            if (host?.Listener is { } listener)
            {
                await listener.DisposeAsync();
            }
            StartOne();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        while (_ready.TryDequeue(out var host))
        {
            host.Process.Kill();
            await host.Listener.DisposeAsync();
        }
        _stopping.Dispose();
    }
}
