using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.Serialization;

/// <summary>A flat JSON object whose values are strings or integers (a tumbling-window state) as a string dictionary.</summary>
public sealed class DictionaryLongToStringJsonConverter : JsonConverter<Dictionary<string, string>>
{
    public override Dictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object, found {reader.TokenType}.");
        }
        var map = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number when reader.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => throw new JsonException($"State value '{name}' must be a string or an integer, found {reader.TokenType}."),
            };
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, item) in value)
        {
            writer.WriteString(name, item);
        }
        writer.WriteEndObject();
    }
}
