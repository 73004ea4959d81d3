using System.Text;

namespace Fulmen.Patterns.Parsing;

/// <summary>Words a refusal the way each service does. EventBridge passes event-ruler's reason through with
/// Jackson's location suffix; Lambda answers every bad filter with one sentence; SNS prefixes the reason.</summary>
internal static class PatternErrors
{
    private const int JacksonSourceLimit = 500;

    public static InvalidPatternException Create(PatternDialect dialect, string reason, string source, int offset)
    {
        var message = dialect switch
        {
            PatternDialect.LambdaFilter => "Invalid filter pattern definition.",
            PatternDialect.SnsFilterPolicy => "Invalid parameter: FilterPolicy: " + reason,
            _ => $"Event pattern is not valid. Reason: {reason}\n at {Location(source, offset)}",
        };
        return new InvalidPatternException(message, reason);
    }

    /// <summary>Jackson's <c>[Source: (String)"..."; line: L, column: C]</c>, the source cut at 500 characters.</summary>
    private static string Location(string source, int offset)
    {
        var (line, column) = LineAndColumn(Encoding.UTF8.GetBytes(source), offset);
        var shown = source.Length <= JacksonSourceLimit
            ? $"\"{source}\""
            : $"\"{source[..JacksonSourceLimit]}\"[truncated {source.Length - JacksonSourceLimit} chars]";
        return $"[Source: (String){shown}; line: {line}, column: {column}]";
    }

    private static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> utf8, int offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        int line = 1, column = 1;
        for (var i = 0; i < offset; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else if ((utf8[i] & 0xC0) != 0x80)
            {
                // Count characters, not continuation bytes, as Jackson reading a String does.
                column++;
            }
        }
        return (line, column);
    }
}
