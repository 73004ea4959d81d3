using Fulmen.Lambda.Core;

namespace Handlers;

public sealed class OrderRejectedException(string message, Exception inner) : Exception(message, inner);

/// <summary>Handlers that fail, and one whose constructor fails (an init error).</summary>
public static class Failures
{
    public static string Throws(Stream input) => Validate(0);

    public static async Task<string> ThrowsAsync(Stream input)
    {
        await Task.Yield();
        try
        {
            return Validate(-1);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new OrderRejectedException("order rejected", e);
        }
    }

    private static string Validate(int quantity) =>
        quantity > 0 ? "ok" : throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "quantity must be positive");
}

public sealed class BrokenConstructor
{
    public BrokenConstructor() => throw new InvalidOperationException("configuration missing");

    public string Handle(Stream input) => "never";
}

/// <summary>Reads the context the way a handler would: time left, logs, identity of the function.</summary>
public static class ContextProbe
{
    public static async Task<Dictionary<string, object>> Remaining(Stream input, ILambdaContext context)
    {
        var first = context.RemainingTime;
        await Task.Delay(300);
        var second = context.RemainingTime;
        context.Logger.LogLine("from context.Logger.LogLine");
        context.Logger.LogWarning("from context.Logger.LogWarning");
        LambdaLogger.Log("from LambdaLogger.Log");
        Console.WriteLine("from Console.WriteLine");
        return new Dictionary<string, object>
        {
            ["firstMs"] = (long)first.TotalMilliseconds,
            ["secondMs"] = (long)second.TotalMilliseconds,
            ["functionName"] = context.FunctionName,
            ["functionVersion"] = context.FunctionVersion,
            ["invokedFunctionArn"] = context.InvokedFunctionArn,
            ["memoryLimitInMB"] = context.MemoryLimitInMB,
            ["logGroupName"] = context.LogGroupName,
            ["logStreamName"] = context.LogStreamName,
            ["requestId"] = context.AwsRequestId,
        };
    }
}

/// <summary>Reports the process and environment the handler runs in.</summary>
public static class ProcessProbe
{
    public static Dictionary<string, object> Describe(Stream input, ILambdaContext context)
    {
        Console.WriteLine($"probe ran in process {Environment.ProcessId}");
        context.Logger.LogInformation("probe logged through the context");
        return new Dictionary<string, object>
        {
            ["processId"] = Environment.ProcessId,
            ["greeting"] = Environment.GetEnvironmentVariable("GREETING") ?? "",
            ["functionName"] = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "",
            ["workingDirectory"] = Environment.CurrentDirectory,
            ["taskRoot"] = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") ?? "",
        };
    }
}
