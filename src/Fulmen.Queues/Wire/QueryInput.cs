using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Queues.Wire;

/// <summary>
/// Turns a query-protocol form into the request's JSON shape, so one implementation serves both protocols. SQS's query
/// lists and maps are flattened (<c>AttributeName.1</c>, <c>Attribute.1.Name</c>/<c>.Value</c>,
/// <c>SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue</c>); this builds the tree, turns numbered
/// members into arrays, and names them as the JSON protocol does.
/// </summary>
internal static class QueryInput
{
    private static readonly Dictionary<string, string> ListNames = new(StringComparer.Ordinal)
    {
        ["AttributeName"] = "AttributeNames",
        ["MessageAttributeName"] = "MessageAttributeNames",
        ["MessageSystemAttributeName"] = "MessageSystemAttributeNames",
        ["TagKey"] = "TagKeys",
        ["AWSAccountId"] = "AWSAccountIds",
        ["ActionName"] = "Actions",
        ["SendMessageBatchRequestEntry"] = "Entries",
        ["DeleteMessageBatchRequestEntry"] = "Entries",
        ["ChangeMessageVisibilityBatchRequestEntry"] = "Entries",
    };

    // Maps: query name → (JSON name, the entry's key member, its value member).
    private static readonly Dictionary<string, (string Json, string Key, string Value)> MapNames = new(StringComparer.Ordinal)
    {
        ["Attribute"] = ("Attributes", "Name", "Value"),
        ["Tag"] = ("Tags", "Key", "Value"),
        ["MessageAttribute"] = ("MessageAttributes", "Name", "Value"),
        ["MessageSystemAttribute"] = ("MessageSystemAttributes", "Name", "Value"),
    };

    public static JsonObject ToJson(IFormCollection form)
    {
        var root = new JsonObject();
        foreach (var (key, values) in form)
        {
            if (key is "Action" or "Version")
            {
                continue;
            }
            var parts = key.Split('.');
            var node = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (node[parts[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[parts[i]] = child;
                }
                node = child;
            }
            node[parts[^1]] = values.ToString();
        }
        return Shape(root);
    }

    private static JsonObject Shape(JsonObject node)
    {
        var shaped = new JsonObject();
        foreach (var (name, value) in node.ToList())
        {
            node.Remove(name);
            if (value is not JsonObject child)
            {
                shaped[name] = value;
                continue;
            }
            if (MapNames.TryGetValue(name, out var map))
            {
                var result = new JsonObject();
                foreach (var entry in Numbered(child))
                {
                    // A key that is itself a structure (Attribute.1.Name.member.1) names nothing: the entry is left out.
                    if (entry is JsonObject e && e[map.Key] is JsonValue key && key.TryGetValue<string>(out var k))
                    {
                        var v = e[map.Value];
                        e.Remove(map.Value);
                        result[k] = v is JsonObject vo ? Shape(vo) : v;
                    }
                }
                shaped[map.Json] = result;
            }
            else if (ListNames.TryGetValue(name, out var list) || (child.Count > 0 && child.All(p => p.Key.All(char.IsAsciiDigit))))
            {
                var array = new JsonArray();
                foreach (var item in Numbered(child))
                {
                    array.Add(item is JsonObject o ? Shape(o) : item);
                }
                shaped[list ?? name] = array;
            }
            else
            {
                shaped[name] = Shape(child);
            }
        }
        return shaped;
    }

    /// <summary>The members <c>1</c>, <c>2</c>, … in order, up to the first gap (as AWS reads flattened lists).</summary>
    private static IEnumerable<JsonNode?> Numbered(JsonObject members)
    {
        for (var i = 1; members[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] is { } item; i++)
        {
            members.Remove(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return item;
        }
    }
}
