using System.Text;
using System.Text.Json;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

internal sealed partial class PatternParser
{
    /// <summary><c>["=", n]</c>, <c>["&lt;", n]</c>, <c>["&lt;=", n]</c>, or <c>["&gt;"|"&gt;=", n]</c> optionally
    /// followed by <c>"&lt;"|"&lt;=", m</c>; the reader is on the array's '['.</summary>
    private NumericRangeMatcher ParseNumeric(ref Utf8JsonReader r)
    {
        if (Next(ref r) != JsonTokenType.String)
        {
            Fail(ref r, "Invalid member in numeric match: " + TokenText(ref r));
        }
        var op = r.GetString()!;
        if (op is not ("=" or ">=" or ">" or "<=" or "<"))
        {
            Next(ref r);
            Fail(ref r, "Unrecognized numeric range operator: " + op);
        }
        var value = ExpectNumber(ref r, op);
        switch (op)
        {
            case "=":
                if (Next(ref r) != JsonTokenType.EndArray)
                {
                    TooManyElements(ref r);
                }
                return new NumericRangeMatcher(value, false, value, false);
            case "<=" or "<":
                if (Next(ref r) != JsonTokenType.EndArray)
                {
                    TooManyElements(ref r);
                }
                return new NumericRangeMatcher(null, false, value, op == "<");
            default:
                if (Next(ref r) == JsonTokenType.EndArray)
                {
                    return new NumericRangeMatcher(value, op == ">", null, false);
                }
                return CompleteRange(ref r, value, op == ">");
        }
    }

    private NumericRangeMatcher CompleteRange(ref Utf8JsonReader r, decimal bottom, bool openBottom)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            Fail(ref r, "Bad value in numeric range: " + TokenText(ref r));
        }
        var op = r.GetString()!;
        if (op is not ("<" or "<="))
        {
            Fail(ref r, "Bad numeric range operator: " + op);
        }
        var top = ExpectNumber(ref r, op);
        if (Next(ref r) != JsonTokenType.EndArray)
        {
            Fail(ref r, "Too many terms in numeric range expression");
        }
        if (bottom >= top)
        {
            Fail(ref r, "Bottom must be less than top");
        }
        return new NumericRangeMatcher(bottom, openBottom, top, op == "<");
    }

    private decimal ExpectNumber(ref Utf8JsonReader r, string op)
    {
        if (Next(ref r) != JsonTokenType.Number)
        {
            Fail(ref r, $"Value of {op} must be numeric");
        }
        var reason = NumericValue.TryParsePattern(Encoding.UTF8.GetString(r.ValueSpan), out var value);
        if (reason is not null)
        {
            Fail(ref r, reason);
        }
        return value;
    }
}
