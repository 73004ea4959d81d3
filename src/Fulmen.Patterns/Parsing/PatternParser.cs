using System.Text;
using System.Text.Json;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

/// <summary>Compiles a pattern's JSON into a matcher tree, token by token in the order event-ruler's
/// JsonRuleCompiler reads it, so the first rule broken is the one AWS names.</summary>
internal sealed partial class PatternParser
{
    private static readonly HashSet<string> ReservedInOr =
    [
        "anything-but", "exists", "numeric", "prefix", "suffix", "equals-ignore-case", "wildcard", "cidr", "equals",
    ];

    private readonly string _source;
    private readonly PatternDialect _dialect;
    private readonly DialectRules _rules;

    private PatternParser(string source, PatternDialect dialect)
    {
        _source = source;
        _dialect = dialect;
        _rules = DialectRules.For(dialect);
    }

    public static ObjectNode Parse(string source, PatternDialect dialect)
    {
        var parser = new PatternParser(source, dialect);
        if (source.Length > parser._rules.MaxLength)
        {
            throw parser.Error($"Pattern is longer than {parser._rules.MaxLength} characters", source.Length);
        }
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(source), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = DialectRules.MaxDepth,
        });
        try
        {
            if (parser.Next(ref reader) != JsonTokenType.StartObject)
            {
                parser.Fail(ref reader, "Filter is not an object");
            }
            var root = parser.ParseObject(ref reader, insideOr: false);
            PatternLimits.Check(root, parser._rules, reason => parser.Error(reason, source.Length));
            return root;
        }
        catch (JsonException e)
        {
            throw parser.Error("Invalid JSON: " + FirstSentence(e.Message), (int)reader.BytesConsumed);
        }
    }

    private ObjectNode ParseObject(ref Utf8JsonReader r, bool insideOr)
    {
        var fields = new List<FieldNode>();
        var orGroups = new List<ObjectNode[]>();
        var fieldsPresent = false;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            fieldsPresent = true;
            var name = r.GetString()!;
            if (name == "$or")
            {
                orGroups.Add(ParseOr(ref r));
                continue;
            }
            if (insideOr && ReservedInOr.Contains(name))
            {
                Fail(ref r, $"{name} is Ruler reserved fieldName which cannot be used inside $or.");
            }
            FieldNode field = Next(ref r) switch
            {
                JsonTokenType.StartObject => new FieldNode(name, ParseObject(ref r, insideOr), null),
                JsonTokenType.StartArray => new FieldNode(name, null, ParseLeaf(ref r)),
                _ => throw Failure(ref r, $"\"{name}\" must be an object or an array"),
            };
            // A key given twice keeps its last value, as Lambda documents.
            fields.RemoveAll(f => f.Name == name);
            fields.Add(field);
        }
        if (!fieldsPresent)
        {
            Fail(ref r, "Empty objects are not allowed");
        }
        return new ObjectNode([.. fields], [.. orGroups]);
    }

    private ObjectNode[] ParseOr(ref Utf8JsonReader r)
    {
        if (Next(ref r) != JsonTokenType.StartArray)
        {
            Fail(ref r, "It must be an Array followed with $or.");
        }
        var alternatives = new List<ObjectNode>();
        while (Next(ref r) != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                Fail(ref r, "Only JSON object is allowed in array of $or relationship.");
            }
            alternatives.Add(ParseObject(ref r, insideOr: true));
        }
        if (alternatives.Count < 2)
        {
            Fail(ref r, "There must have at least 2 Objects in $or relationship.");
        }
        return [.. alternatives];
    }

    private JsonTokenType Next(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            Fail(ref r, "Unexpected end-of-input");
        }
        return r.TokenType;
    }

    private void Fail(ref Utf8JsonReader r, string reason) => throw Failure(ref r, reason);

    // Jackson reports the position it has read to; a string value is read lazily, so just past its opening quote.
    private InvalidPatternException Failure(ref Utf8JsonReader r, string reason) =>
        Error(reason, r.TokenType == JsonTokenType.String ? (int)r.TokenStartIndex + 1 : (int)r.BytesConsumed);

    private InvalidPatternException Error(string reason, int offset) =>
        PatternErrors.Create(_dialect, reason, _source, offset);

    private static string TokenText(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.PropertyName => r.GetString()!,
        JsonTokenType.StartArray => "[",
        JsonTokenType.EndArray => "]",
        JsonTokenType.StartObject => "{",
        JsonTokenType.EndObject => "}",
        _ => Encoding.UTF8.GetString(r.ValueSpan),
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
