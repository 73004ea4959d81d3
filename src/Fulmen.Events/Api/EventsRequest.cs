using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fulmen.Events.Api;

/// <summary>An EventBridge request body with typed reads; a member of the wrong type is AWS's SerializationException.</summary>
internal sealed partial class EventsRequest(JsonObject body, CancellationToken aborted)
{
    public JsonObject Body { get; } = body;

    public CancellationToken Aborted { get; } = aborted;

    public string? String(string name) => Body[name] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => throw Serialization(),
    };

    public string Required(string name, string member) => String(name) ?? throw EventsErrors.Missing(member);

    public int? Int(string name) => Body[name] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value) => value,
        _ => throw Serialization(),
    };

    public bool? Bool(string name) => Body[name] switch
    {
        null => null,
        var node when node.GetValueKind() is JsonValueKind.True or JsonValueKind.False => node.GetValue<bool>(),
        _ => throw Serialization(),
    };

    public JsonArray? Array(string name) => Body[name] switch
    {
        null => null,
        JsonArray array => array,
        _ => throw Serialization(),
    };

    /// <summary>A name that must match <paramref name="pattern"/> and fit 1..<paramref name="max"/> characters.</summary>
    public string Name(string name, string member, Regex pattern, string patternText, int max = 64)
    {
        var value = Required(name, member);
        CheckName(value, member, pattern, patternText, max);
        return value;
    }

    public static void CheckName(string value, string member, Regex pattern, string patternText, int max)
    {
        if (value.Length > max || value.Length == 0)
        {
            throw EventsErrors.Constraint(value, member, $"Member must have length less than or equal to {max}");
        }
        if (!pattern.IsMatch(value))
        {
            throw EventsErrors.Constraint(value, member, $"Member must satisfy regular expression pattern: {patternText}");
        }
    }

    /// <summary>A list page: <c>Limit</c> (1–100) and <c>NextToken</c> (the index to start at, as this server issued it).</summary>
    public (int Start, int Limit) Page()
    {
        var limit = Int("Limit") ?? 100;
        if (limit is < 1 or > 100)
        {
            throw EventsErrors.Constraint(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "limit", "Member must have value between 1 and 100");
        }
        var token = String("NextToken");
        if (token is null)
        {
            return (0, limit);
        }
        return int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
            ? (start, limit)
            : throw EventsErrors.Validation("The NextToken provided is invalid.");
    }

    /// <summary>One page of <paramref name="items"/> and the token of the next, if any.</summary>
    public (IEnumerable<T> Items, string? NextToken) Paged<T>(IReadOnlyList<T> items)
    {
        var (start, limit) = Page();
        var next = start + limit < items.Count ? (start + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return (items.Skip(start).Take(limit), next);
    }

    public static Exception Serialization() => EventsErrors.Error("SerializationException", "Start of structure or map found where not expected.");

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    public static partial Regex RuleName { get; }

    public const string RuleNamePattern = @"[\.\-_A-Za-z0-9]+";

    [GeneratedRegex(@"^[/\.\-_A-Za-z0-9]+$")]
    public static partial Regex BusName { get; }

    public const string BusNamePattern = @"[/\.\-_A-Za-z0-9]+";

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    public static partial Regex TargetId { get; }
}
