using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fulmen.Bench.Bare;

/// <summary>Kestrel with nothing on top: one loopback port, every request straight to one delegate.</summary>
internal static class MinimalKestrel
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    /// <summary>Listens on <paramref name="port"/> (0: any free port) and returns the server and its port.</summary>
    public static async Task<(KestrelServer Server, int Port)> StartAsync(int port, Func<HttpContext, Task> handle)
    {
        var options = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = NoServices };
        // A runtime's /next waits as long as its environment is idle.
        options.Limits.KeepAliveTimeout = TimeSpan.FromDays(1);
        options.Limits.MinRequestBodyDataRate = null;
        options.Limits.MinResponseDataRate = null;
        options.Listen(IPAddress.Loopback, port);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        var server = new KestrelServer(Options.Create(options), transport, NullLoggerFactory.Instance);
        await server.StartAsync(new Application(handle), CancellationToken.None);
        var address = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (server, new Uri(address).Port);
    }

    private sealed class Application(Func<HttpContext, Task> handle) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => handle(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
