using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.Serialization.SystemTextJson;

/// <summary>
/// System.Text.Json with the behaviour .NET Lambda functions expect: property names as declared (the event
/// models carry their JSON names), case-insensitive reading, and null members left out of the output.
/// </summary>
[RequiresUnreferencedCode("Reflection-based JSON. For trimmed or Native AOT functions use SourceGeneratorLambdaJsonSerializer.")]
[RequiresDynamicCode("Reflection-based JSON. For trimmed or Native AOT functions use SourceGeneratorLambdaJsonSerializer.")]
public class DefaultLambdaJsonSerializer : ILambdaSerializer
{
    public DefaultLambdaJsonSerializer()
        : this(null)
    {
    }

    /// <summary>Starts from the default options and lets the caller change them (naming policy, converters, …).</summary>
    public DefaultLambdaJsonSerializer(Action<JsonSerializerOptions>? customizer)
    {
        Options = LambdaJsonOptions.Create();
        customizer?.Invoke(Options);
        Options.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>The options in use; read-only once constructed.</summary>
    public JsonSerializerOptions Options { get; }

    public T Deserialize<T>(Stream requestStream)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(requestStream, Options)!;
        }
        catch (JsonException e)
        {
            throw JsonSerializerException.ForInput(typeof(T), e);
        }
    }

    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response, Options);
}

/// <summary>The options every Fulmen serializer starts from.</summary>
internal static class LambdaJsonOptions
{
    public static JsonSerializerOptions Create() => new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        // Responses are JSON for programs, not HTML: quotes and apostrophes stay as they are, as AWS's serializer writes them.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
