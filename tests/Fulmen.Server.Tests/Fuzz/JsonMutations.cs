using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Structural mutations of a JSON body: members removed, nulled, retyped, made hostile, multiplied or nested deep.</summary>
internal static class JsonMutations
{
    private const string MarkerKey = "__fuzz_member__";

    /// <summary>Mutates <paramref name="seed"/>'s body; <paramref name="text"/> is set when the mutation must be made on the serialized text.</summary>
    public static string Apply(Seed seed, Random random, out (string Find, string Replace)? text)
    {
        text = null;
        if (seed.Json is null)
        {
            seed.Json = new JsonObject { ["Unexpected"] = HostileValues.Value(random) };
            return "a body where none is expected";
        }
        var locations = new List<(JsonNode Container, string? Key, int Index)>();
        Collect(seed.Json, locations);
        var kind = random.Next(11);
        if (locations.Count == 0 || kind == 10)
        {
            seed.Json = random.Next(2) == 0 ? new JsonArray(seed.Json.DeepClone()) : JsonValue.Create(HostileValues.String(random));
            return "the body of another type";
        }
        var (container, key, index) = locations[random.Next(locations.Count)];
        var where = key ?? $"[{index}]";
        switch (kind)
        {
            case 0:
                Remove(container, key, index);
                return $"{where} removed";
            case 1:
                Set(container, key, index, null);
                return $"{where} null";
            case 2:
                var value = HostileValues.Value(random);
                Set(container, key, index, value);
                return $"{where} = {FuzzRequest.Shorten(value?.ToJsonString() ?? "null", 60)}";
            case 3:
                Set(container, key, index, new JsonArray(null, JsonValue.Create(HostileValues.String(random)), new JsonObject()));
                return $"{where} an array with null";
            case 4:
                var hostile = HostileValues.String(random);
                Set(container, key, index, JsonValue.Create(hostile));
                return $"{where} = \"{FuzzRequest.Shorten(hostile, 60)}\"";
            case 5:
                var target = container as JsonObject ?? seed.Json as JsonObject;
                target?.Add($"Fuzz{random.Next(1000)}", HostileValues.Value(random));
                return "an unknown member";
            case 6:
                var many = new JsonObject();
                for (var i = 0; i < 5_000; i++)
                {
                    many[$"k{i}"] = "v";
                }
                Set(container, key, index, many);
                return $"{where} an object of 5,000 members";
            default:
                // Text-level values: nesting beyond any parser's depth, numbers beyond any type, a duplicated member.
                if (seed.Json is not JsonObject root)
                {
                    return "no change";
                }
                var member = root.Select(p => p.Key).FirstOrDefault() ?? "x";
                if (kind is 7 or 8)
                {
                    root.Remove(member);
                }
                root[MarkerKey] = 0;
                var find = $"\"{MarkerKey}\":0";
                (string replacement, string label) = kind switch
                {
                    7 => ($"\"{member}\":{HostileValues.Nested(random, random.Next(2) == 0 ? 65 : 50_000)}", $"{member} nested deep"),
                    8 => ($"\"{member}\":{Numbers[random.Next(Numbers.Length)]}", $"{member} a number beyond any type"),
                    _ => ($"\"{member}\":{HostileValues.Value(random)?.ToJsonString() ?? "null"}", $"{member} twice"),
                };
                text = (find, replacement);
                return label;
        }
    }

    private static readonly string[] Numbers = ["1e400", "-1e400", "123456789012345678901234567890", "-0", "0.0000000000000000000000001", "1E+2", "-9223372036854775809", "4294967296"];

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> locations)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToList())
            {
                locations.Add((obj, key, -1));
                if (child is not null)
                {
                    Collect(child, locations);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                locations.Add((array, null, i));
                if (array[i] is { } child)
                {
                    Collect(child, locations);
                }
            }
        }
    }

    private static void Remove(JsonNode container, string? key, int index)
    {
        if (container is JsonObject obj)
        {
            obj.Remove(key!);
        }
        else
        {
            ((JsonArray)container).RemoveAt(index);
        }
    }

    private static void Set(JsonNode container, string? key, int index, JsonNode? value)
    {
        if (container is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)container)[index] = value;
        }
    }
}
