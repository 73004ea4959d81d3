using System.Buffers;
using System.Text.Json;
using Fulmen.Patterns.Matching;
using Fulmen.Patterns.Parsing;

namespace Fulmen.Patterns;

/// <summary>A compiled event pattern (EventBridge rule, Lambda filter, SNS filter policy). Parse once, then match
/// any number of events from any number of threads: the tree is immutable and matching allocates nothing.</summary>
public sealed class EventPattern
{
    private EventPattern(ObjectNode root, PatternDialect dialect, string source)
    {
        Root = root;
        Dialect = dialect;
        Source = source;
    }

    public PatternDialect Dialect { get; }

    /// <summary>The pattern's JSON as given.</summary>
    public string Source { get; }

    internal ObjectNode Root { get; }

    /// <summary>Compiles a pattern; throws <see cref="InvalidPatternException"/> with the dialect's AWS wording.</summary>
    public static EventPattern Parse(string json, PatternDialect dialect = PatternDialect.EventBridge)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new EventPattern(PatternParser.Parse(json, dialect), dialect, json);
    }

    /// <summary>Whether the event (a JSON object) matches. Anything but an object never matches.</summary>
    public bool Matches(JsonElement @event) =>
        @event.ValueKind == JsonValueKind.Object && Root.Matches(@event);

    /// <summary>Matches UTF-8 JSON text; text that is not JSON does not match (no exception).</summary>
    public bool Matches(ReadOnlySpan<byte> utf8Json)
    {
        // JsonDocument reads from memory, not a span: copy into a pooled buffer that outlives the document.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(utf8Json.Length, 1));
        try
        {
            utf8Json.CopyTo(buffer);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, utf8Json.Length));
            return Matches(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override string ToString() => Source;
}
