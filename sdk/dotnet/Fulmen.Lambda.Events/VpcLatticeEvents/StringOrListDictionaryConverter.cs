using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.VpcLatticeEvents;

/// <summary>A <c>{name: [values]}</c> map that also accepts <c>{name: "value"}</c> (VPC Lattice V2 headers and query parameters).</summary>
public sealed class StringOrListDictionaryConverter : JsonConverter<IDictionary<string, IList<string>>>
{
    public override IDictionary<string, IList<string>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object of strings or string lists, found {reader.TokenType}.");
        }
        var map = new Dictionary<string, IList<string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = ReadValues(ref reader);
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, IList<string>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, values) in value)
        {
            writer.WriteStartArray(name);
            foreach (var item in values ?? [])
            {
                writer.WriteStringValue(item);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static List<string> ReadValues(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return [];
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var values = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    values.Add(reader.TokenType == JsonTokenType.String
                        ? reader.GetString()!
                        : throw new JsonException($"Expected a string in the list, found {reader.TokenType}."));
                }
                return values;
            default:
                throw new JsonException($"Expected a string or a list of strings, found {reader.TokenType}.");
        }
    }
}
