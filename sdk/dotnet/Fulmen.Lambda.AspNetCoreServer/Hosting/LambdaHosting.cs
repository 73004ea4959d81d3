using Fulmen.Lambda.RuntimeSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Lambda.AspNetCoreServer.Hosting;

/// <summary>What AddAWSLambdaHosting decided, for the server: where the Runtime API is, the event shape, the options, the log sink.</summary>
internal sealed record LambdaHosting(string RuntimeApi, LambdaEventSource EventSource, HostingOptions Options, LogSink Logs);
