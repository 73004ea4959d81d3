using System.Text;
using System.Text.Json;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

internal sealed partial class PatternParser
{
    private enum ButKind
    {
        Values,
        IgnoreCase,
        Prefix,
        Suffix,
        Wildcard,
    }

    /// <summary><c>{"anything-but": value | [values] | {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": ...}}</c>.</summary>
    private AnythingButMatcher ParseAnythingBut(ref Utf8JsonReader r)
    {
        var kind = ButKind.Values;
        if (Next(ref r) == JsonTokenType.StartObject)
        {
            if (Next(ref r) != JsonTokenType.PropertyName)
            {
                Fail(ref r, "Anything-But expression name not found");
            }
            var op = r.GetString()!;
            kind = op switch
            {
                "equals-ignore-case" => ButKind.IgnoreCase,
                "prefix" => ButKind.Prefix,
                "suffix" => ButKind.Suffix,
                "wildcard" when _rules.Wildcard => ButKind.Wildcard,
                _ => throw Failure(ref r, "Unsupported anything-but pattern: " + op),
            };
            if (!_rules.AnythingButObjects)
            {
                Fail(ref r, "Unsupported anything-but pattern: " + op);
            }
            Next(ref r);
        }
        if (r.TokenType is not (JsonTokenType.StartArray or JsonTokenType.String or JsonTokenType.Number))
        {
            Fail(ref r, "Value of anything-but must be an array or single string/number value.");
        }
        var matcher = kind == ButKind.Values ? ParseButValues(ref r) : ParseButSet(ref r, kind);
        if (Next(ref r) != JsonTokenType.EndObject)
        {
            TooManyElements(ref r);
        }
        if (kind != ButKind.Values && Next(ref r) != JsonTokenType.EndObject)
        {
            TooManyElements(ref r);
        }
        return matcher;
    }

    private AnythingButMatcher ParseButValues(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return r.TokenType == JsonTokenType.String
                ? new AnythingButMatcher([new ExactStringMatcher(r.GetString()!)], numbersOnly: false)
                : new AnythingButMatcher([ButNumber(ref r)], numbersOnly: true);
        }
        var excluded = new List<ValueMatcher>();
        bool numbers = false, strings = false;
        while (Next(ref r) != JsonTokenType.EndArray)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String:
                    excluded.Add(new ExactStringMatcher(r.GetString()!));
                    strings = true;
                    break;
                case JsonTokenType.Number:
                    excluded.Add(ButNumber(ref r));
                    numbers = true;
                    break;
                default:
                    Fail(ref r, "Inside anything but list, start|null|boolean is not supported.");
                    break;
            }
        }
        if (numbers == strings)
        {
            Fail(ref r, "Inside anything but list, either all values are number or string, mixed type is not supported");
        }
        return new AnythingButMatcher([.. excluded], numbersOnly: numbers);
    }

    private NumericRangeMatcher ButNumber(ref Utf8JsonReader r)
    {
        var reason = NumericValue.TryParsePattern(Encoding.UTF8.GetString(r.ValueSpan), out var value);
        if (reason is not null)
        {
            Fail(ref r, reason);
        }
        return new NumericRangeMatcher(value, false, value, false);
    }

    private AnythingButMatcher ParseButSet(ref Utf8JsonReader r, ButKind kind)
    {
        var excluded = new List<ValueMatcher>();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            excluded.Add(ButSetMember(ref r, kind));
        }
        else
        {
            while (Next(ref r) != JsonTokenType.EndArray)
            {
                excluded.Add(ButSetMember(ref r, kind));
            }
        }
        return new AnythingButMatcher([.. excluded], numbersOnly: false);
    }

    private ValueMatcher ButSetMember(ref Utf8JsonReader r, ButKind kind)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            Fail(ref r, kind switch
            {
                ButKind.IgnoreCase => "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
                ButKind.Wildcard => "wildcard match pattern must be a string",
                _ => "prefix/suffix match pattern must be a string",
            });
        }
        var text = r.GetString()!;
        if (kind is ButKind.Prefix or ButKind.Suffix && text.Length == 0)
        {
            Fail(ref r, "Null prefix/suffix not allowed");
        }
        return kind switch
        {
            ButKind.IgnoreCase => new EqualsIgnoreCaseMatcher(text),
            ButKind.Prefix => new AffixMatcher(text, suffix: false, ignoreCase: false),
            ButKind.Suffix => new AffixMatcher(text, suffix: true, ignoreCase: false),
            _ => ParseWildcard(ref r, text),
        };
    }
}
