using System.Text.Json.Serialization;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.RuntimeSupport;
using Fulmen.Lambda.Serialization.SystemTextJson;

var handler = (Greeting greeting, ILambdaContext context) =>
{
    context.Logger.LogInformation($"greeting {greeting.Name}");
    if (greeting.Name == "fail")
    {
        throw new InvalidOperationException("asked to fail");
    }
    return new Reply($"hello {greeting.Name}", context.AwsRequestId);
};
await LambdaBootstrapBuilder.Create(handler, new SourceGeneratorLambdaJsonSerializer<BootstrapJsonContext>()).Build().RunAsync();

public sealed record Greeting(string Name);

public sealed record Reply(string Message, string RequestId);

[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Reply))]
public sealed partial class BootstrapJsonContext : JsonSerializerContext;
