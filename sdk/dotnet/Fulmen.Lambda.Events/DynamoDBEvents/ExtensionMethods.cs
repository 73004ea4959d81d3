using System.Text;
using System.Text.Json;
using static Fulmen.Lambda.DynamoDBEvents.DynamoDBEvent;

namespace Fulmen.Lambda.DynamoDBEvents;

/// <summary>Helpers that turn DynamoDB stream images into plain JSON.</summary>
public static class ExtensionMethods
{
    /// <summary>The item as compact plain JSON (<c>{"pk":"a","n":1}</c>), e.g. to hand to a document or object mapper.</summary>
    public static string ToJson(this Dictionary<string, AttributeValue> item) => ToJson(item, indented: false);

    /// <summary>The item as indented plain JSON.</summary>
    public static string ToJsonPretty(this Dictionary<string, AttributeValue> item) => ToJson(item, indented: true);

    private static string ToJson(Dictionary<string, AttributeValue>? item, bool indented)
    {
        if (item is null || item.Count == 0)
        {
            return "{}";
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            WriteMap(writer, item);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in map)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeValue? value)
    {
        switch (value)
        {
            case { S: { } s }:
                writer.WriteStringValue(s);
                break;
            case { N: { } n }:
                writer.WriteRawValue(n);
                break;
            case { B: { } b }:
                writer.WriteBase64StringValue(b.ToArray());
                break;
            case { BOOL: { } flag }:
                writer.WriteBooleanValue(flag);
                break;
            case { M: { } m }:
                WriteMap(writer, m);
                break;
            case { L: { } l }:
                writer.WriteStartArray();
                foreach (var element in l)
                {
                    WriteValue(writer, element);
                }
                writer.WriteEndArray();
                break;
            case { SS: { } ss }:
                writer.WriteStartArray();
                foreach (var element in ss)
                {
                    writer.WriteStringValue(element);
                }
                writer.WriteEndArray();
                break;
            case { NS: { } ns }:
                writer.WriteStartArray();
                foreach (var element in ns)
                {
                    writer.WriteRawValue(element);
                }
                writer.WriteEndArray();
                break;
            case { BS: { } bs }:
                writer.WriteStartArray();
                foreach (var element in bs)
                {
                    writer.WriteBase64StringValue(element.ToArray());
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
