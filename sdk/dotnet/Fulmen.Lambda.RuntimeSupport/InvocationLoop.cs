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
    public static void ReportInitError(RuntimeApiClient api, Exception error)
    {
        Console.Error.WriteLine($"{error.Message}: {error.GetType().Name}");
        Console.Error.Flush();
        api.InitError(ErrorJson.Write(error), $"Runtime.{error.GetType().Name}");
    }

    /// <summary>
    /// Runs invocations until <paramref name="cancellationToken"/> is cancelled (in practice: until the process is
    /// stopped). The Runtime API calls block this thread (see <see cref="Http.RuntimeApiConnection"/>); a warm invoke
    /// allocates the request id, the context and the input stream, and reuses the rest.
    /// </summary>
    public static async Task RunAsync(RuntimeApiClient api, LogSink logs, Func<Stream, ILambdaContext, Stream, ValueTask> handler, CancellationToken cancellationToken)
    {
        var function = FunctionFacts.FromEnvironment();
        var logger = new ContextLogger(logs);
        using var output = new MemoryStream();
        while (!cancellationToken.IsCancellationRequested)
        {
            var invocation = api.Next(cancellationToken);
            logs.RequestId = invocation.RequestId;
            if (invocation.TraceId is { } trace)
            {
                Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", trace);
            }
            output.SetLength(0);
            ExceptionDispatchInfo? failure = null;
            try
            {
                using var input = invocation.OpenPayload();
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
                api.Respond(invocation.RequestId, output.GetBuffer().AsSpan(0, (int)output.Length));
            }
            else
            {
                var error = failure.SourceException;
                logs.Write(LogLevel.Error, error.ToString());
                api.Error(invocation.RequestId, ErrorJson.Write(error), error.GetType().Name);
            }
        }
    }
}
