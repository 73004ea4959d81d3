using System.Text.Json.Serialization;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;

// Turns the event's JSON into the handler's parameter and its result back into JSON.
[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>The event this function takes: <c>{"name": "…"}</c>.</summary>
public sealed record Greeting([property: JsonPropertyName("name")] string? Name);

/// <summary>What it answers: <c>{"message": "…"}</c>.</summary>
public sealed record Reply([property: JsonPropertyName("message")] string Message);

public class Function
{
    /// <summary>
    /// Called once per event. Its name is the handler in fulmen.json:
    /// <c>FulmenTemplate::FulmenTemplateNamespace.Function::FunctionHandler</c> (assembly::type::method).
    /// </summary>
    public Reply FunctionHandler(Greeting input, ILambdaContext context)
    {
        var name = string.IsNullOrWhiteSpace(input.Name) ? "world" : input.Name;
        context.Logger.LogInformation($"Greeting {name}");
        return new Reply($"Hello, {name}!");
    }
}
