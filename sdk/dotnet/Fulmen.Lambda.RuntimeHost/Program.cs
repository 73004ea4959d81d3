using Fulmen.Lambda.RuntimeHost;
using Fulmen.Lambda.RuntimeSupport;

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
    Prewarm.Apply(api.WaitForAssignment());
}

var taskRoot = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") ?? Directory.GetCurrentDirectory();
var handlerText = Environment.GetEnvironmentVariable("_HANDLER") ?? args.FirstOrDefault();
if (ExecutableAssembly.IsExecutableHandler(handlerText))
{
    // The function is a program with its own Runtime API loop: this process becomes that program.
    try
    {
        ExecutableAssembly.Exec(taskRoot, handlerText!);
    }
    catch (Exception e)
    {
        InvocationLoop.RedirectOutput();
        InvocationLoop.ReportInitError(api, e);
        return 1;
    }
}

var logs = InvocationLoop.RedirectOutput();
HandlerMethod handler;
try
{
    var handlerString = HandlerString.Parse(handlerText);
    var assembly = FunctionAssemblies.Load(taskRoot, handlerString.Assembly);
    handler = HandlerMethod.Create(handlerString, assembly, new ContextLogger(logs));
}
catch (Exception e)
{
    InvocationLoop.ReportInitError(api, e);
    return 1;
}
await InvocationLoop.RunAsync(api, logs, handler.Invoke, CancellationToken.None);
return 0;
