using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary><c>{"numeric": [...]}</c>: an interval with optional, open or closed ends; <c>"="</c> is the closed
/// interval of one point. Only JSON numbers match (a string "5" does not).</summary>
internal sealed class NumericRangeMatcher(decimal? low, bool lowOpen, decimal? high, bool highOpen) : ValueMatcher
{
    public override bool Matches(in JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && NumericValue.TryRead(value, out var number) && Contains(number);

    public bool Contains(decimal number)
    {
        if (low is { } l && (lowOpen ? number <= l : number < l))
        {
            return false;
        }
        return high is not { } h || (highOpen ? number < h : number <= h);
    }
}
