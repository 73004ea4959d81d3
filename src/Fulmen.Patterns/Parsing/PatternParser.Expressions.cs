using System.Text.Json;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

internal sealed partial class PatternParser
{
    /// <summary>One <c>{"operator": ...}</c> object inside a field's array; the reader is on its '{'.</summary>
    private ValueMatcher ParseMatchExpression(ref Utf8JsonReader r)
    {
        if (Next(ref r) != JsonTokenType.PropertyName)
        {
            Fail(ref r, "Match expression name not found");
        }
        var name = r.GetString()!;
        switch (name)
        {
            case "prefix":
            case "suffix":
                return ParseAffix(ref r, suffix: name == "suffix");
            case "numeric":
                if (Next(ref r) != JsonTokenType.StartArray)
                {
                    Fail(ref r, "Value of numeric must be an array.");
                }
                var range = ParseNumeric(ref r);
                if (Next(ref r) != JsonTokenType.EndObject)
                {
                    TooManyElements(ref r);
                }
                return range;
            case "anything-but":
                return ParseAnythingBut(ref r);
            case "exists":
                return ParseExists(ref r);
            case "cidr" when _rules.Cidr:
                return ParseCidr(ref r);
            case "equals-ignore-case":
                var text = ExpectString(ref r, "equals-ignore-case match pattern must be a string");
                ExpectEndObject(ref r);
                return new EqualsIgnoreCaseMatcher(text);
            case "wildcard" when _rules.Wildcard:
                var pattern = ExpectString(ref r, "wildcard match pattern must be a string");
                var wildcard = ParseWildcard(ref r, pattern);
                ExpectEndObject(ref r);
                return wildcard;
            default:
                throw Failure(ref r, "Unrecognized match type " + name);
        }
    }

    private AffixMatcher ParseAffix(ref Utf8JsonReader r, bool suffix)
    {
        var kind = suffix ? "suffix" : "prefix";
        if (Next(ref r) == JsonTokenType.StartObject)
        {
            if (Next(ref r) != JsonTokenType.PropertyName)
            {
                Fail(ref r, suffix ? "Suffix expression name not found" : "Prefix expression name not found");
            }
            var op = r.GetString()!;
            if (op != "equals-ignore-case")
            {
                Fail(ref r, $"Unsupported {kind} pattern: {op}");
            }
            var folded = ExpectString(ref r, "equals-ignore-case match pattern must be a string");
            ExpectEndObject(ref r);
            ExpectEndObject(ref r);
            return new AffixMatcher(folded, suffix, ignoreCase: true);
        }
        if (r.TokenType != JsonTokenType.String)
        {
            Fail(ref r, kind + " match pattern must be a string");
        }
        var text = r.GetString()!;
        ExpectEndObject(ref r);
        return new AffixMatcher(text, suffix, ignoreCase: false);
    }

    private CidrMatcher ParseCidr(ref Utf8JsonReader r)
    {
        // event-ruler's wording for a cidr that is not a string really does say "prefix".
        var text = ExpectString(ref r, "prefix match pattern must be a string");
        var reason = CidrText.TryParse(text, out var matcher);
        if (reason is not null)
        {
            Fail(ref r, reason);
        }
        ExpectEndObject(ref r);
        return matcher!;
    }

    private string ExpectString(ref Utf8JsonReader r, string reason)
    {
        if (Next(ref r) != JsonTokenType.String)
        {
            Fail(ref r, reason);
        }
        return r.GetString()!;
    }
}
