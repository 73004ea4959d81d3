using System.Text.Json.Serialization;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;

namespace AwsHandlers;

/// <summary>A handler whose serializer is a source-generated context, named on the method.</summary>
public static class SourceGeneratedFunction
{
    [LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<GreetingJsonContext>))]
    public static Reply Greet(Greeting greeting, ILambdaContext context) =>
        new() { Message = $"hello {greeting.Name}", Count = greeting.Count + 1, RequestId = context.AwsRequestId };
}

public class Greeting
{
    public string Name { get; set; }

    public int Count { get; set; }
}

public class Reply
{
    public string Message { get; set; }

    public int Count { get; set; }

    public string RequestId { get; set; }
}

[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Reply))]
public partial class GreetingJsonContext : JsonSerializerContext;
