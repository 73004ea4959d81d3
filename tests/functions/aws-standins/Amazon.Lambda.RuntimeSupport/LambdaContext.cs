using System;
using System.Globalization;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.RuntimeSupport;

/// <summary>The context of one invocation: its headers and the function's variables.</summary>
internal sealed class LambdaContext(Invocation invocation, ILambdaLogger logger) : ILambdaContext
{
    public string AwsRequestId => invocation.RequestId;

    public IClientContext ClientContext => null;

    public string FunctionName => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME");

    public string FunctionVersion => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION");

    public ICognitoIdentity Identity => null;

    public string InvokedFunctionArn => invocation.FunctionArn;

    public ILambdaLogger Logger => logger;

    public string LogGroupName => Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME");

    public string LogStreamName => Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME");

    public int MemoryLimitInMB => int.Parse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") ?? "128", CultureInfo.InvariantCulture);

    public TimeSpan RemainingTime => TimeSpan.FromMilliseconds(Math.Max(0, invocation.DeadlineMs - TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()));

    public string TraceId => invocation.TraceId;
}

/// <summary>Log lines as AWS's .NET runtime writes them: time, request id, level, message.</summary>
internal sealed class ConsoleLogger : ILambdaLogger
{
    public string RequestId { get; set; } = "";

    public void Log(string message) => Log("Information", message);

    public void LogLine(string message) => Log("Information", message);

    public void Log(string level, string message)
    {
        var time = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        Console.Out.Write($"{time}\t{RequestId}\t{Abbreviation(level)}\t{message}\n");
        Console.Out.Flush();
    }

    private static string Abbreviation(string level) => level switch
    {
        "Trace" => "trce",
        "Debug" => "dbug",
        "Warning" => "warn",
        "Error" => "fail",
        "Critical" => "crit",
        _ => "info",
    };
}
