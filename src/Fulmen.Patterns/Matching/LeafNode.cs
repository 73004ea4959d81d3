using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary>A field's array of matchers. The field matches when any of its leaf values (an array is unrolled,
/// objects are not leaves) satisfies any matcher; <c>{"exists": false}</c> is satisfied by having no leaf value.</summary>
internal sealed class LeafNode(ValueMatcher[] matchers, bool existsTrue, bool existsFalse)
{
    public ValueMatcher[] Matchers { get; } = matchers;

    public bool ExistsTrue { get; } = existsTrue;

    public bool ExistsFalse { get; } = existsFalse;

    /// <summary>How many alternatives the leaf offers (SNS counts them towards its combination limit).</summary>
    public int ValueCount => Matchers.Length + (ExistsTrue ? 1 : 0) + (ExistsFalse ? 1 : 0);

    public bool Matches(in JsonElement value)
    {
        var sawValue = false;
        return AnyValueMatches(value, ref sawValue) || (!sawValue && ExistsFalse);
    }

    private bool AnyValueMatches(in JsonElement value, ref bool sawValue)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return false;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (AnyValueMatches(item, ref sawValue))
                    {
                        return true;
                    }
                }
                return false;
            default:
                sawValue = true;
                if (ExistsTrue)
                {
                    return true;
                }
                foreach (var matcher in Matchers)
                {
                    if (matcher.Matches(value))
                    {
                        return true;
                    }
                }
                return false;
        }
    }
}
