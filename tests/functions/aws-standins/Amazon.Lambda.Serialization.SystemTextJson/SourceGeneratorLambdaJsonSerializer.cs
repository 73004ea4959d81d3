using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>Reads and writes through a source-generated <see cref="JsonSerializerContext"/> instead of reflection.</summary>
public class SourceGeneratorLambdaJsonSerializer<TSGContext> : ILambdaSerializer
    where TSGContext : JsonSerializerContext
{
    private readonly TSGContext _context;

    public SourceGeneratorLambdaJsonSerializer()
        : this(null)
    {
    }

    public SourceGeneratorLambdaJsonSerializer(System.Action<JsonSerializerOptions> customizer)
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
        };
        customizer?.Invoke(options);
        _context = (TSGContext)System.Activator.CreateInstance(typeof(TSGContext), options);
    }

    public T Deserialize<T>(Stream requestStream)
    {
        try
        {
            return JsonSerializer.Deserialize(requestStream, TypeInfo<T>());
        }
        catch (JsonException e)
        {
            throw new JsonSerializerException($"Error converting the Lambda event JSON payload to type {typeof(T).FullName}: {e.Message}", e);
        }
    }

    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response, TypeInfo<T>());

    private JsonTypeInfo<T> TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new JsonSerializerException($"No JsonTypeInfo registered in {typeof(TSGContext).FullName} for type {typeof(T).FullName}.");
}
