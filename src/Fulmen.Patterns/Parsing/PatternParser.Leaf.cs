using System.Text;
using System.Text.Json;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

internal sealed partial class PatternParser
{
    /// <summary>A field's array: literals and match expressions, ORed.</summary>
    private LeafNode ParseLeaf(ref Utf8JsonReader r)
    {
        var matchers = new List<ValueMatcher>();
        bool existsTrue = false, existsFalse = false, any = false;
        while (Next(ref r) != JsonTokenType.EndArray)
        {
            any = true;
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject:
                    var expression = ParseMatchExpression(ref r);
                    if (expression is ExistsMarker exists)
                    {
                        existsTrue |= exists.Value;
                        existsFalse |= !exists.Value;
                    }
                    else
                    {
                        matchers.Add(expression);
                    }
                    break;
                case JsonTokenType.String:
                    matchers.Add(StringLiteral(r.GetString()!));
                    break;
                case JsonTokenType.Number:
                    matchers.Add(NumberLiteral(Encoding.UTF8.GetString(r.ValueSpan)));
                    break;
                case JsonTokenType.Null:
                    matchers.Add(new LiteralMatcher(JsonValueKind.Null));
                    break;
                case JsonTokenType.True:
                    matchers.Add(new LiteralMatcher(JsonValueKind.True));
                    break;
                case JsonTokenType.False:
                    matchers.Add(new LiteralMatcher(JsonValueKind.False));
                    break;
                default:
                    Fail(ref r, "Match value must be String, number, true, false, or null");
                    break;
            }
        }
        if (!any)
        {
            Fail(ref r, "Empty arrays are not allowed");
        }
        return new LeafNode([.. matchers], existsTrue, existsFalse);
    }

    // event-ruler turns a string that is an IP address into an address range, so other spellings of it match.
    private static ValueMatcher StringLiteral(string text) =>
        IpAddressText.TryParse(Encoding.UTF8.GetBytes(text), out var address, out var v6)
            ? CidrMatcher.Create(address, v6, v6 ? 128 : 32)
            : new ExactStringMatcher(text);

    private static ExactNumberMatcher NumberLiteral(string text) =>
        new(text, NumericValue.TryParsePattern(text, out var number) is null ? number : null);

    /// <summary><c>{"exists": ...}</c> is not a value test: the leaf keeps it as flags.</summary>
    private sealed class ExistsMarker(bool value) : ValueMatcher
    {
        public bool Value { get; } = value;

        public override bool Matches(in JsonElement value) => false;
    }

    private ValueMatcher ParseExists(ref Utf8JsonReader r)
    {
        var value = Next(ref r) switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Failure(ref r, "exists match pattern must be either true or false."),
        };
        ExpectEndObject(ref r);
        return new ExistsMarker(value);
    }

    private void ExpectEndObject(ref Utf8JsonReader r)
    {
        if (Next(ref r) != JsonTokenType.EndObject)
        {
            Fail(ref r, "Only one key allowed in match expression");
        }
    }

    private void TooManyElements(ref Utf8JsonReader r) => Fail(ref r, "Too many elements in numeric expression");
}
