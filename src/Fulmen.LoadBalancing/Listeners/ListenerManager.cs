using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Fulmen.LoadBalancing.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulmen.LoadBalancing.Listeners;

/// <summary>
/// One Kestrel server per listener, bound to the server's bind host at the listener's port: started by
/// CreateListener and, for stored listeners, at start-up; stopped by DeleteListener and at shutdown.
/// </summary>
public sealed partial class ListenerManager(LoadBalancingOptions options, AlbFront front, ILoggerFactory loggerFactory) : IHostedService
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();
    private readonly ConcurrentDictionary<string, KestrelServer> _servers = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ListenerManager>();

    /// <summary>Null when the port is open; otherwise why it could not be (in use, not allowed).</summary>
    public async Task<string?> StartAsync(ListenerRecord listener, CancellationToken cancellationToken)
    {
        var kestrel = new KestrelServerOptions
        {
            AddServerHeader = false,
            ApplicationServices = NoServices,
            // A function's header values beyond ASCII go out as UTF-8 bytes, as the ALB passes them (AlbResponse has
            // already refused control characters and names that are not tokens).
            ResponseHeaderEncodingSelector = static _ => Encoding.UTF8,
        };
        kestrel.Limits.MaxRequestBodySize = null; // AlbFront answers oversized bodies itself.
        try
        {
            Bind(kestrel, options.BindHost, listener.Port);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            return $"Cannot listen on {options.BindHost}:{listener.Port}: {e.Message}";
        }
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(Options.Create(kestrel), transport, loggerFactory);
        try
        {
            await server.StartAsync(new Application(front, listener.Arn, listener.Port), cancellationToken);
        }
        catch (IOException e)
        {
            server.Dispose();
            return $"Port {listener.Port} on {options.BindHost} is not available for a listener: {e.Message}";
        }
        catch (UnauthorizedAccessException e)
        {
            server.Dispose();
            return $"Port {listener.Port} on {options.BindHost} is not available for a listener: {e.Message}";
        }
        _servers[listener.Arn] = server;
        Log.Started(_logger, listener.Arn, options.BindHost, listener.Port);
        return null;
    }

    public async Task StopAsync(string listenerArn)
    {
        if (_servers.TryRemove(listenerArn, out var server))
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await server.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            server.Dispose();
        }
    }

    /// <summary>Opens every stored listener; one whose port is taken is logged and skipped, the server still starts.</summary>
    public async Task StartStoredAsync(IEnumerable<ListenerRecord> listeners)
    {
        foreach (var listener in listeners)
        {
            if (await StartAsync(listener, CancellationToken.None) is { } failure)
            {
                Log.NotStarted(_logger, listener.Arn, failure);
            }
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        foreach (var arn in _servers.Keys.ToList())
        {
            await StopAsync(arn);
        }
    }

    private static void Bind(KestrelServerOptions kestrel, string host, int port)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            kestrel.Listen(address, port);
        }
        else if (host is "localhost")
        {
            kestrel.ListenLocalhost(port);
        }
        else if (host is "*" or "+")
        {
            kestrel.ListenAnyIP(port);
        }
        else
        {
            foreach (var resolved in Dns.GetHostAddresses(host))
            {
                kestrel.Listen(resolved, port);
            }
        }
    }

    private sealed class Application(AlbFront front, string listenerArn, int port) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => front.HandleAsync(context, listenerArn, port);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Listener {ListenerArn} serves http://{Host}:{Port}/")]
        public static partial void Started(ILogger logger, string listenerArn, string host, int port);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Listener {ListenerArn} could not start: {Reason}")]
        public static partial void NotStarted(ILogger logger, string listenerArn, string reason);
    }
}
