using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Marshalling;
using Fulmen.Lambda.RuntimeSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Lambda.AspNetCoreServer.Server;

/// <summary>
/// The server that stands in for Kestrel inside a Lambda execution environment: once the app has started it takes
/// invocations from the Runtime API, one at a time, and runs each through the app's pipeline in this process.
/// If the Runtime API goes away the app is stopped, which ends the process as the platform expects.
/// </summary>
internal sealed class LambdaServer(LambdaHosting hosting, IHostApplicationLifetime lifetime, ILogger<LambdaServer> logger) : IServer
{
    private readonly CancellationTokenSource _stopping = new();
    private RuntimeApiClient? _api;
    private Task _loop = Task.CompletedTask;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _api = new RuntimeApiClient(hosting.RuntimeApi);
        var handler = new InvocationHandler<TContext>(application, EventMarshaller.For(hosting.EventSource), hosting.Options, logger);
        ServerLog.Started(logger, hosting.EventSource.ToString(), hosting.RuntimeApi);
        _loop = RunAsync(_api, handler.HandleAsync);
        return Task.CompletedTask;
    }

    private async Task RunAsync(RuntimeApiClient api, Func<Stream, Fulmen.Lambda.Core.ILambdaContext, Stream, ValueTask> handler)
    {
        // Off the start-up path: the host finishes starting while the first /next waits.
        await Task.Yield();
        try
        {
            await InvocationLoop.RunAsync(api, hosting.Logs, handler, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            ServerLog.RuntimeApiLost(logger, e);
            lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _api?.Dispose();
        _stopping.Dispose();
    }
}
