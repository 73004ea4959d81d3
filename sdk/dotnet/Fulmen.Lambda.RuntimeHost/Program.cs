using System.Runtime.ExceptionServices;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.RuntimeHost;

// Fulmen's host for dotnet8 / dotnet10 functions. Started by Fulmen with AWS's environment (AWS_LAMBDA_RUNTIME_API,
// _HANDLER, LAMBDA_TASK_ROOT, …), or pre-started with FULMEN_PREWARMED=1 and told later which function to load.
var endpoint = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
if (string.IsNullOrEmpty(endpoint))
{
    await Console.Error.WriteLineAsync("AWS_LAMBDA_RUNTIME_API is not set: this program is started by Fulmen to run a .NET function.");
    return 2;
}
using var api = new RuntimeApiClient(endpoint);
if (Environment.GetEnvironmentVariable("FULMEN_PREWARMED") == "1")
{
    await Prewarm.WarmUpAsync(api);
    Prewarm.Apply(await api.WaitForAssignmentAsync());
}

var logs = new LogSink(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL"));
var logger = new ContextLogger(logs);
Console.SetOut(TextWriter.Synchronized(new ConsoleLines(logs, LogLevel.Information)));
Console.SetError(TextWriter.Synchronized(new ConsoleLines(logs, LogLevel.Error)));
LambdaLogger.RedirectTo(message => logs.Write(LogLevel.Information, message));

var taskRoot = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") ?? Directory.GetCurrentDirectory();
HandlerMethod handler;
try
{
    var handlerString = HandlerString.Parse(Environment.GetEnvironmentVariable("_HANDLER") ?? args.FirstOrDefault());
    var assembly = FunctionAssemblies.Load(taskRoot, handlerString.Assembly);
    handler = HandlerMethod.Create(handlerString, assembly);
}
catch (Exception e)
{
    // As AWS: the error goes to the log and to /init/error; the environment is then given up.
    Console.Error.WriteLine($"{e.Message}: {e.GetType().Name}");
    Console.Error.Flush();
    await api.InitErrorAsync(ErrorJson.Write(e), $"Runtime.{e.GetType().Name}");
    return 1;
}

var function = FunctionFacts.FromEnvironment();
using var output = new MemoryStream();
while (true)
{
    var invocation = await api.NextAsync();
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
        await handler.InvokeAsync(input, new LambdaContext(function, invocation, logger), output);
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
