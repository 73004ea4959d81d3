using System.Text;
using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary><c>"value"</c>: the event's string equals it exactly.</summary>
internal sealed class ExactStringMatcher(string text) : ValueMatcher
{
    public string Text { get; } = text;

    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

    public override bool Matches(in JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.ValueEquals(_utf8);
}

/// <summary><c>{"prefix": "x"}</c> and <c>{"suffix": "x"}</c>, optionally with <c>equals-ignore-case</c>.</summary>
internal sealed class AffixMatcher(string text, bool suffix, bool ignoreCase) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

    public override bool Matches(in JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var utf8 = EventText.Utf8(value);
        if (ignoreCase)
        {
            return EventText.CompareIgnoreCase(utf8, text, suffix ? IgnoreCaseMode.Suffix : IgnoreCaseMode.Prefix);
        }
        return suffix ? utf8.EndsWith(_utf8) : utf8.StartsWith(_utf8);
    }
}

/// <summary><c>{"equals-ignore-case": "x"}</c>.</summary>
internal sealed class EqualsIgnoreCaseMatcher(string text) : ValueMatcher
{
    public override bool Matches(in JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && EventText.CompareIgnoreCase(EventText.Utf8(value), text, IgnoreCaseMode.Equals);
}
