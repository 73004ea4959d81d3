using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Fulmen.Queues.Wire;

/// <summary>
/// Writes an operation's JSON-shaped result as the query protocol's XML: lists are flattened under their member name
/// (<c>QueueUrls</c> → <c>&lt;QueueUrl&gt;</c>…), maps become name/value entries (<c>Attributes</c> →
/// <c>&lt;Attribute&gt;&lt;Name/&gt;&lt;Value/&gt;&lt;/Attribute&gt;</c>), as SQS's 2012-11-05 answers are shaped.
/// </summary>
internal static class QueryOutput
{
    private static readonly Dictionary<string, string> ListMembers = new(StringComparer.Ordinal)
    {
        ["QueueUrls"] = "QueueUrl",
        ["queueUrls"] = "QueueUrl",
        ["Results"] = "ListMessageMoveTasksResultEntry",
        ["Messages"] = "Message",
        ["Failed"] = "BatchResultErrorEntry",
    };

    private static readonly Dictionary<string, (string Element, string Key, string Value)> Maps = new(StringComparer.Ordinal)
    {
        ["Attributes"] = ("Attribute", "Name", "Value"),
        ["Tags"] = ("Tag", "Key", "Value"),
        ["MessageAttributes"] = ("MessageAttribute", "Name", "Value"),
    };

    /// <summary>Writes the members of <paramref name="result"/>; <paramref name="action"/> names batch result entries.</summary>
    public static void Write(XmlWriter xml, string action, JsonObject result)
    {
        foreach (var (name, value) in result)
        {
            WriteMember(xml, action, name, value);
        }
    }

    private static void WriteMember(XmlWriter xml, string action, string name, JsonNode? value)
    {
        switch (value)
        {
            case null:
                return;
            case JsonArray array:
                var element = name == "Successful" ? $"{action}ResultEntry" : ListMembers.GetValueOrDefault(name, name);
                foreach (var item in array)
                {
                    WriteElement(xml, action, element, item);
                }
                return;
            case JsonObject map when Maps.TryGetValue(name, out var shape):
                foreach (var (key, entry) in map)
                {
                    xml.WriteStartElement(shape.Element);
                    xml.WriteElementString(shape.Key, key);
                    WriteElement(xml, action, shape.Value, entry);
                    xml.WriteEndElement();
                }
                return;
            default:
                WriteElement(xml, action, name, value);
                return;
        }
    }

    private static void WriteElement(XmlWriter xml, string action, string name, JsonNode? value)
    {
        if (value is JsonObject structure)
        {
            xml.WriteStartElement(name);
            Write(xml, action, structure);
            xml.WriteEndElement();
            return;
        }
        xml.WriteElementString(name, value is JsonValue scalar ? Scalar(scalar) : "");
    }

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => value.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
