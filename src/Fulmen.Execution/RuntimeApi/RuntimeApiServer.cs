using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulmen.Execution.RuntimeApi;

/// <summary>
/// A Kestrel listener on its own loopback port for one environment. Runtime clients use fixed paths, so
/// the port is what tells environments apart. Requests go straight to <see cref="RuntimeApiEndpoints"/>
/// with no middleware: this is the invoke hot path.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>AWS's runtime API accepts responses up to 6 MB plus a 100-byte margin.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024 + 100;

    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    private readonly KestrelServer _server;
    private readonly Application _application;

    private RuntimeApiServer(KestrelServer server, Application application, int port)
    {
        _server = server;
        _application = application;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Hands the listener to its environment; it is started before the environment exists (see <see cref="RuntimeApiListeners"/>).</summary>
    public void Attach(IRuntimeApiTarget target) => _application.Target = target;

    /// <summary>Starts a listener on a free loopback port, not yet attached to an environment.</summary>
    public static async Task<RuntimeApiServer> StartAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var options = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = NoServices };
        options.Limits.MaxRequestBodySize = null; // RuntimeApiEndpoints enforces AWS's limit itself and answers 413 as AWS does.
        // /next waits as long as the environment is idle: no idle-connection or body-rate timeouts may cut it.
        options.Limits.KeepAliveTimeout = TimeSpan.FromDays(1);
        options.Limits.MinRequestBodyDataRate = null;
        options.Limits.MinResponseDataRate = null;
        options.Listen(IPAddress.Loopback, 0);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions
        {
            // One runtime per listener, on one connection, waiting for its next event or handing in a result: read
            // into a buffer at once (no zero-byte read before each request), and run the endpoints on the socket's
            // completion rather than one more hop through the thread pool (they never block: every wait is awaited).
            WaitForDataBeforeAllocatingBuffer = false,
            UnsafePreferInlineScheduling = true,
        }), loggerFactory);
        var server = new KestrelServer(Options.Create(options), transport, loggerFactory);
        var application = new Application();
        await server.StartAsync(application, cancellationToken);
        var address = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RuntimeApiServer(server, application, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await _server.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _server.Dispose();
    }

    private sealed class Application : IHttpApplication<HttpContext>
    {
        // Set once, before the runtime learns the port, so no request arrives without it.
        public IRuntimeApiTarget? Target { get; set; }

        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => RuntimeApiEndpoints.HandleAsync(context, Target!);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
