using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.Serialization;

/// <summary>A JSON array of base64 strings as a list of <see cref="MemoryStream"/>s.</summary>
internal sealed class Base64MemoryStreamListConverter : JsonConverter<List<MemoryStream>>
{
    public override List<MemoryStream> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of base64 strings, found {reader.TokenType}.");
        }
        var list = new List<MemoryStream>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(new MemoryStream(reader.GetBytesFromBase64()));
        }
        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<MemoryStream> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var stream in value)
        {
            writer.WriteBase64StringValue(stream.TryGetBuffer(out var bytes) ? bytes : stream.ToArray());
        }
        writer.WriteEndArray();
    }
}
