using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.KafkaEvents.Converters;

/// <summary>
/// Kafka record headers as Lambda sends them, <c>[{"name":[104,105]}, …]</c>: byte values as JSON numbers, not base64.
/// Reads signed (Java) and unsigned byte values; writes unsigned ones.
/// </summary>
public sealed class KafkaHeadersConverter : JsonConverter<IList<IDictionary<string, byte[]>>>
{
    public override IList<IDictionary<string, byte[]>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var headers = new List<IDictionary<string, byte[]>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            var header = new Dictionary<string, byte[]>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                reader.Read();
                header[name] = ReadBytes(ref reader);
            }
            headers.Add(header);
        }
        return headers;
    }

    public override void Write(Utf8JsonWriter writer, IList<IDictionary<string, byte[]>> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var header in value)
        {
            writer.WriteStartObject();
            foreach (var (name, bytes) in header)
            {
                writer.WriteStartArray(name);
                foreach (var b in bytes)
                {
                    writer.WriteNumberValue(b);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static byte[] ReadBytes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetBytesFromBase64();
        }
        Expect(ref reader, JsonTokenType.StartArray);
        var bytes = new List<byte>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var number = reader.GetInt32();
            if (number is < sbyte.MinValue or > byte.MaxValue)
            {
                throw new JsonException($"Header byte value {number} is out of range.");
            }
            bytes.Add(unchecked((byte)number));
        }
        return [.. bytes];
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} in Kafka headers, found {reader.TokenType}.");
        }
    }
}
