using System.Runtime.ExceptionServices;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.RuntimeSupport;

/// <summary>
/// The Runtime API loop shared by Fulmen's .NET host and by functions that run their own (<see cref="LambdaBootstrap"/>):
/// <c>/next</c>, run the handler, <c>/response</c> or <c>/error</c>, with the function's output as log entries.
/// </summary>
internal static class InvocationLoop
{
    /// <summary>Console output and <see cref="LambdaLogger"/> become log entries carrying the request id, as on AWS.</summary>
    public static LogSink RedirectOutput()
    {
        var logs = new LogSink(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL"));
        Console.SetOut(TextWriter.Synchronized(new ConsoleLines(logs, LogLevel.Information)));
        Console.SetError(TextWriter.Synchronized(new ConsoleLines(logs, LogLevel.Error)));
        LambdaLogger.RedirectTo(message => logs.Write(LogLevel.Information, message));
        return logs;
    }

    /// <summary>As AWS: the init error goes to the log and to <c>/init/error</c>; the process then exits.</summary>
    public static async Task ReportInitErrorAsync(RuntimeApiClient api, Exception error)
    {
        Console.Error.WriteLine($"{error.Message}: {error.GetType().Name}");
        Console.Error.Flush();
        await api.InitErrorAsync(ErrorJson.Write(error), $"Runtime.{error.GetType().Name}");
    }

    /// <summary>Runs invocations until <paramref name="cancellationToken"/> is cancelled (in practice: until the process is stopped).</summary>
    public static async Task RunAsync(RuntimeApiClient api, LogSink logs, Func<Stream, ILambdaContext, Stream, ValueTask> handler, CancellationToken cancellationToken)
    {
        var function = FunctionFacts.FromEnvironment();
        var logger = new ContextLogger(logs);
        using var output = new MemoryStream();
        while (!cancellationToken.IsCancellationRequested)
        {
            var invocation = await api.NextAsync(cancellationToken);
            logs.RequestId = invocation.RequestId;
            if (invocation.TraceId is { } trace)
            {
                Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", trace);
            }
            output.SetLength(0);
            ExceptionDispatchInfo? failure = null;
            try
            {
                using var input = new MemoryStream(invocation.Payload, writable: false);
                await handler(input, new LambdaContext(function, invocation, logger), output);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            Console.Out.Flush();
            Console.Error.Flush();
            if (failure is null)
            {
                await api.RespondAsync(invocation.RequestId, output);
            }
            else
            {
                var error = failure.SourceException;
                logs.Write(LogLevel.Error, error.ToString());
                await api.ErrorAsync(invocation.RequestId, ErrorJson.Write(error), error.GetType().Name);
            }
        }
    }
}
