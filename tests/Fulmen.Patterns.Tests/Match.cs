using System.Text;
using System.Text.Json;

namespace Fulmen.Patterns.Tests;

/// <summary>Runs one pattern against one event through both entry points, which must agree.</summary>
internal static class Match
{
    public static bool Of(string pattern, string @event, PatternDialect dialect = PatternDialect.EventBridge)
    {
        var compiled = EventPattern.Parse(pattern, dialect);
        using var document = JsonDocument.Parse(@event);
        var fromElement = compiled.Matches(document.RootElement);
        var fromBytes = compiled.Matches(Encoding.UTF8.GetBytes(@event));
        Assert.Equal(fromElement, fromBytes);
        return fromElement;
    }
}
