using System.Net;

namespace Fulmen.Bench.Measurement;

/// <summary>The load client's HTTP stack: SocketsHttpHandler, keep-alive, no proxy, cookies or decompression.</summary>
internal static class LoadHttpClient
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = int.MaxValue,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
}
