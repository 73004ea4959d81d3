using System.Text;
using System.Text.Json;

namespace Fulmen.Protocols.Json;

/// <summary>
/// A JSON <c>null</c> inside an array of a request body. AWS's models have no sparse lists: every member of a list is
/// required, and a null one, once bound and stored, would fail whatever reads it later (a match, a header, a patch).
/// Each API's body reader looks for one before binding and answers with its own 400.
/// </summary>
/// <param name="Path">The list as AWS's validation messages name it: <c>cors.allowOrigins</c>, <c>patchOperations</c>.</param>
/// <param name="Value">The list as those messages quote it: <c>[null]</c>, <c>[GET, null]</c>.</param>
public sealed record NullInList(string Path, string Value)
{
    /// <summary>The message of AWS's validation error for it, after "1 validation error detected: ".</summary>
    public string Constraint => $"Value '{Value}' at '{Path}' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]";

    /// <summary>The first list of <paramref name="root"/>, depth first, that holds a null; or null when none does.</summary>
    public static NullInList? Find(JsonElement root) => Find(root, "");

    private static NullInList? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (Find(property.Value, Join(path, CamelCase(property.Name))) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    index++;
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        return new NullInList(path, Render(element));
                    }
                    if (Find(item, $"{path}.{index}.member") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static string Render(JsonElement array)
    {
        var text = new StringBuilder("[");
        foreach (var item in array.EnumerateArray())
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }
            text.Append(item.ValueKind switch
            {
                JsonValueKind.Null => "null",
                JsonValueKind.String => Text(item),
                _ => item.GetRawText(),
            });
        }
        return text.Append(']').ToString();
    }

    /// <summary>The string, or its JSON text when it holds an unpaired surrogate escape no string can be made of.</summary>
    private static string Text(JsonElement item)
    {
        try
        {
            return item.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return item.GetRawText()[1..^1];
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string CamelCase(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : $"{char.ToLowerInvariant(name[0])}{name[1..]}";
}
