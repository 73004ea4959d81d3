using System.Collections.Generic;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace AwsHandlers;

/// <summary>Reads the context and writes through every logger AWS's libraries offer.</summary>
public class ContextFunction
{
    public Dictionary<string, string> Describe(Dictionary<string, string> input, ILambdaContext context)
    {
        context.Logger.LogLine("line from LogLine");
        context.Logger.LogInformation("information from LogInformation");
        context.Logger.LogWarning("warning from LogWarning");
        context.Logger.LogError("order {id} failed after {tries} tries", "o-17", 3);
        LambdaLogger.Log("static from LambdaLogger");
        return new Dictionary<string, string>
        {
            ["input"] = input.TryGetValue("name", out var name) ? name : "",
            ["requestId"] = context.AwsRequestId,
            ["functionName"] = context.FunctionName,
            ["functionVersion"] = context.FunctionVersion,
            ["invokedFunctionArn"] = context.InvokedFunctionArn,
            ["memoryLimitInMB"] = context.MemoryLimitInMB.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["logGroupName"] = context.LogGroupName,
            ["hasRemainingTime"] = (context.RemainingTime > System.TimeSpan.Zero).ToString(),
            ["contextType"] = typeof(ILambdaContext).Assembly.GetName().Name,
        };
    }

    public void Fail(Dictionary<string, string> input) => throw new System.InvalidOperationException("asked to fail: " + input["name"]);
}
