using Microsoft.Extensions.Logging;

namespace Fulmen.Lambda.AspNetCoreServer.Server;

/// <summary>The Lambda server's log entries (category <c>Fulmen.Lambda.AspNetCoreServer.Server.LambdaServer</c>).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Debug, "Serving {EventSource} events from the Lambda Runtime API at {RuntimeApi}")]
    public static partial void Started(ILogger logger, string eventSource, string runtimeApi);

    [LoggerMessage(2, LogLevel.Critical, "The Lambda Runtime API failed; stopping the application")]
    public static partial void RuntimeApiLost(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "An unhandled exception was thrown by the application for {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, string method, string path, Exception exception);
}
