using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary><c>{"anything-but": ...}</c>: a present leaf value that none of the excluded matchers accepts. A
/// numeric exclusion list only ever matches numbers; string exclusions (and their prefix, suffix,
/// equals-ignore-case and wildcard forms) let every value of another type through, as event-ruler does.</summary>
internal sealed class AnythingButMatcher(ValueMatcher[] excluded, bool numbersOnly) : ValueMatcher
{
    public override bool Matches(in JsonElement value)
    {
        if (numbersOnly && value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }
        foreach (var matcher in excluded)
        {
            if (matcher.Matches(value))
            {
                return false;
            }
        }
        return true;
    }
}
