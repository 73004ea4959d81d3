using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.Serialization.SystemTextJson;

/// <summary>
/// System.Text.Json through a source-generated <see cref="JsonSerializerContext"/>: no reflection, so it is fast
/// to start and works trimmed or as Native AOT. List every input and output type on the context with
/// <c>[JsonSerializable(typeof(…))]</c>.
/// </summary>
public class SourceGeneratorLambdaJsonSerializer<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TContext>
    : ILambdaSerializer
    where TContext : JsonSerializerContext
{
    private readonly TContext _context;

    public SourceGeneratorLambdaJsonSerializer()
        : this(null)
    {
    }

    public SourceGeneratorLambdaJsonSerializer(Action<JsonSerializerOptions>? customizer)
    {
        var options = LambdaJsonOptions.Create();
        customizer?.Invoke(options);
        _context = (TContext)(Activator.CreateInstance(typeof(TContext), options)
            ?? throw new InvalidOperationException($"Could not create the JSON context {typeof(TContext).FullName}."));
    }

    public T Deserialize<T>(Stream requestStream)
    {
        try
        {
            return JsonSerializer.Deserialize(requestStream, TypeInfo<T>())!;
        }
        catch (JsonException e)
        {
            throw JsonSerializerException.ForInput(typeof(T), e);
        }
    }

    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response, TypeInfo<T>());

    private JsonTypeInfo<T> TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new JsonSerializerException(
                $"The type {typeof(T).FullName} is missing from {typeof(TContext).FullName}. Add [JsonSerializable(typeof({typeof(T).Name}))] to the context.");
}
