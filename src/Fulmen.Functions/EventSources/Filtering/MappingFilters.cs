using System.Text.Json;
using Fulmen.Functions.Api;

namespace Fulmen.Functions.EventSources.Filtering;

/// <summary>
/// A mapping's FilterCriteria: checked when a mapping is created or updated, and applied to each record before it is
/// batched (records no filter accepts are deleted from the queue, as on AWS). The patterns' full syntax belongs to the
/// shared pattern matcher (<c>Fulmen.Patterns</c>, <c>PatternDialect.LambdaFilter</c>); until it is part of the
/// server this checks only that each pattern is a JSON object and lets every record through. The two TODO(patterns)
/// marks below are the only places that change when it arrives.
/// </summary>
public static class MappingFilters
{
    /// <summary>AWS's default quota of filters per mapping (10 on request).</summary>
    public const int MaxFilters = 5;

    /// <summary>Null when the patterns are acceptable, else AWS's InvalidParameterValueException.</summary>
    public static LambdaError? Validate(IReadOnlyList<string> patterns)
    {
        if (patterns.Count > MaxFilters)
        {
            return LambdaError.InvalidParameter($"The number of filters in FilterCriteria exceeds the limit of {MaxFilters}.");
        }
        foreach (var pattern in patterns)
        {
            // TODO(patterns): EventPattern.Parse(pattern, PatternDialect.LambdaFilter), InvalidPatternException → this error.
            if (!IsJsonObject(pattern))
            {
                return LambdaError.InvalidParameter("Invalid filter pattern definition.");
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a record passes: no filters, or any filter matches (filters are ORed). Data key <c>body</c>: a JSON body
    /// is matched as JSON, a plain one as a string; the other members are metadata.
    /// </summary>
    public static Func<SourceRecord, bool> For(IReadOnlyList<string>? patterns)
    {
        if (patterns is null || patterns.Count == 0)
        {
            return static _ => true;
        }
        // TODO(patterns): compile each pattern once here and return record => compiled.Any(p => p.Matches(view of record)).
        return static _ => true;
    }

    private static bool IsJsonObject(string pattern)
    {
        try
        {
            using var document = JsonDocument.Parse(pattern);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
