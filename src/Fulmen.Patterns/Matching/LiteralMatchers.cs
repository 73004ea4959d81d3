using System.Text;
using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary><c>null</c>, <c>true</c> or <c>false</c> in a pattern: the event's value is that literal.</summary>
internal sealed class LiteralMatcher(JsonValueKind kind) : ValueMatcher
{
    public override bool Matches(in JsonElement value) => value.ValueKind == kind;
}

/// <summary>A number in a pattern's array. Like event-ruler it matches the number as written and, when the number
/// is in the comparable range, any number equal to it (so <c>5</c> matches <c>5.0</c> and <c>5e0</c>); numbers
/// outside that range (account ids, for instance) match only as written.</summary>
internal sealed class ExactNumberMatcher(string text, decimal? comparable) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

    public override bool Matches(in JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }
        if (EventText.RawNumber(value).SequenceEqual(_utf8))
        {
            return true;
        }
        return comparable is { } expected && NumericValue.TryRead(value, out var actual) && actual == expected;
    }
}
