using System.Text;
using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary>One pattern field: its name and either a nested object pattern or a leaf.</summary>
internal sealed class FieldNode(string name, ObjectNode? child, LeafNode? leaf)
{
    public string Name { get; } = name;

    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    public ObjectNode? Child { get; } = child;

    public LeafNode? Leaf { get; } = leaf;

    /// <summary>Whether the field is satisfied when the event does not have it (only <c>exists: false</c>).</summary>
    public bool MatchesAbsent => Leaf?.ExistsFalse ?? Child!.MatchesAbsent;

    public bool Matches(in JsonElement value) => Leaf is { } leaf ? leaf.Matches(value) : MatchesObject(Child!, value);

    // An array of objects matches when one element matches the whole nested pattern, so fields from different
    // elements are never combined.
    private static bool MatchesObject(ObjectNode node, in JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return node.Matches(value);
            case JsonValueKind.Array:
                var sawObject = false;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        sawObject = true;
                        if (MatchesObject(node, item))
                        {
                            return true;
                        }
                    }
                }
                return !sawObject && node.MatchesAbsent;
            default:
                return node.MatchesAbsent;
        }
    }
}

/// <summary>A pattern object: every field must match (AND) and, for each <c>$or</c> in it, one alternative must
/// match the same event object.</summary>
internal sealed class ObjectNode
{
    public ObjectNode(FieldNode[] fields, ObjectNode[][] orGroups)
    {
        Fields = fields;
        OrGroups = orGroups;
        MatchesAbsent = fields.All(f => f.MatchesAbsent) && orGroups.All(g => g.Any(a => a.MatchesAbsent));
    }

    public FieldNode[] Fields { get; }

    public ObjectNode[][] OrGroups { get; }

    /// <summary>Whether an event without this object at all satisfies it (every leaf is <c>exists: false</c>).</summary>
    public bool MatchesAbsent { get; }

    public bool Matches(in JsonElement obj)
    {
        foreach (var field in Fields)
        {
            if (obj.TryGetProperty(field.Utf8Name, out var value))
            {
                if (!field.Matches(value))
                {
                    return false;
                }
            }
            else if (!field.MatchesAbsent)
            {
                return false;
            }
        }
        foreach (var alternatives in OrGroups)
        {
            var any = false;
            foreach (var alternative in alternatives)
            {
                if (alternative.Matches(obj))
                {
                    any = true;
                    break;
                }
            }
            if (!any)
            {
                return false;
            }
        }
        return true;
    }
}
