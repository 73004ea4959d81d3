using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Lambda.Serialization.SystemTextJson;

namespace Fulmen.Lambda.Events.Tests;

/// <summary>Reads an example event into its model with the runtime's default serializer, writes it back and compares.</summary>
public static class EventJson
{
    private static readonly DefaultLambdaJsonSerializer Serializer = new();

    public static string PathOf(string fixture) => Path.Combine(AppContext.BaseDirectory, "Events", fixture);

    /// <summary>
    /// Fails with the JSON path of the first difference when the model loses, renames or invents a member.
    /// Equivalent means: the same members (a null member and a missing one are the same), numbers equal as
    /// numbers, and timestamps equal as instants (a model may write <c>…07Z</c> for <c>…07.000Z</c>).
    /// </summary>
    public static void AssertRoundTrips(string fixture, Type model)
    {
        var original = File.ReadAllText(PathOf(fixture));
        object? value;
        using (var input = File.OpenRead(PathOf(fixture)))
        {
            value = JsonSerializer.Deserialize(input, model, Serializer.Options);
        }
        Assert.NotNull(value);
        Assert.IsType(model, value);
        var written = JsonSerializer.Serialize(value, model, Serializer.Options);
        var difference = FindDifference(JsonNode.Parse(original), JsonNode.Parse(written), "$");
        Assert.True(difference is null, $"{fixture} as {model.Name}: {difference}\nwritten: {written}");
    }

    public static string? FindDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }
        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var (name, child) in expectedObject)
                {
                    actualObject.TryGetPropertyValue(name, out var other);
                    if (FindDifference(child, other, $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }
                foreach (var (name, child) in actualObject)
                {
                    if (!expectedObject.ContainsKey(name) && child is not null)
                    {
                        return $"{path}.{name}: not in the example but written as {Show(child)}";
                    }
                }
                return null;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    return $"{path}: expected {expectedArray.Count} items, got {actualArray.Count}";
                }
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (FindDifference(expectedArray[i], actualArray[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValue expectedValue when actual is JsonValue actualValue:
                return SameValue(expectedValue, actualValue) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
            default:
                return $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }
    }

    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }
        return kind switch
        {
            JsonValueKind.Number => expected.GetValue<decimal>() == actual.GetValue<decimal>(),
            JsonValueKind.String => SameString(expected.GetValue<string>(), actual.GetValue<string>()),
            _ => expected.ToJsonString() == actual.ToJsonString(),
        };
    }

    private static bool SameString(string expected, string actual)
    {
        if (expected == actual)
        {
            return true;
        }
        const DateTimeStyles styles = DateTimeStyles.RoundtripKind;
        return expected.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, styles, out var a)
            && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, styles, out var b)
            && a == b;
    }

    private static string Show(JsonNode? node) => node is null ? "nothing" : node.ToJsonString();
}
