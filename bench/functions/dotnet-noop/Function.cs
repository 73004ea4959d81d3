using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;

namespace DotnetNoop;

/// <summary>
/// <c>DotnetNoop::DotnetNoop.Function::Handle</c>: the input stream back as the output, no serializer at all,
/// so a cold start measures the runtime, the host and the assembly load, nothing of the function's own.
/// </summary>
public static class Function
{
    public static Stream Handle(Stream input) => input;
}

/// <summary>The order the typed handler reads, through the default (reflection-based) System.Text.Json serializer.</summary>
public sealed class Order
{
    public string? Name { get; set; }
    public int Count { get; set; }
}

/// <summary>What the typed handler answers.</summary>
public sealed class Receipt
{
    public string? Name { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// <c>DotnetNoop::DotnetNoop.Typed::Handle</c>: the same no-op with a POCO in and out through
/// <see cref="DefaultLambdaJsonSerializer"/>, the usual shape of a C# Lambda handler; the difference with
/// <see cref="Function"/> is what the serializer costs (its metadata for two new types on the first invoke).
/// </summary>
public static class Typed
{
    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static Receipt Handle(Order order) => new() { Name = order.Name, Count = order.Count + 1 };
}
