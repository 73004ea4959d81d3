using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>
/// System.Text.Json with AWS's defaults: property names as declared (the event models carry their JSON names),
/// case-insensitive reading, nulls left out, <see cref="MemoryStream"/> members as base64.
/// </summary>
public class DefaultLambdaJsonSerializer : ILambdaSerializer
{
    public DefaultLambdaJsonSerializer()
        : this(null)
    {
    }

    public DefaultLambdaJsonSerializer(System.Action<JsonSerializerOptions> customizer)
    {
        SerializerOptions = CreateDefaultJsonSerializationOptions();
        customizer?.Invoke(SerializerOptions);
    }

    protected JsonSerializerOptions SerializerOptions { get; }

    public T Deserialize<T>(Stream requestStream)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(requestStream, SerializerOptions);
        }
        catch (JsonException e)
        {
            throw new JsonSerializerException($"Error converting the Lambda event JSON payload to type {typeof(T).FullName}: {e.Message}", e);
        }
    }

    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response, SerializerOptions);

    protected virtual JsonSerializerOptions CreateDefaultJsonSerializationOptions() => new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Converters = { new MemoryStreamConverter() },
    };
}

/// <summary><see cref="DefaultLambdaJsonSerializer"/> writing camelCase property names.</summary>
public class CamelCaseLambdaJsonSerializer : DefaultLambdaJsonSerializer
{
    public CamelCaseLambdaJsonSerializer()
        : base(options => options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase)
    {
    }
}

/// <summary>Thrown when the payload cannot be read as the handler's input type.</summary>
public class JsonSerializerException : System.Exception
{
    public JsonSerializerException(string message)
        : base(message)
    {
    }

    public JsonSerializerException(string message, System.Exception exception)
        : base(message, exception)
    {
    }
}

internal sealed class MemoryStreamConverter : JsonConverter<MemoryStream>
{
    public override MemoryStream Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetBytesFromBase64());

    public override void Write(Utf8JsonWriter writer, MemoryStream value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value.ToArray());
}
