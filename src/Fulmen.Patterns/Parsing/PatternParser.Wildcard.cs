using System.Text;
using System.Text.Json;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

internal sealed partial class PatternParser
{
    /// <summary>Splits a wildcard at its unescaped stars. Positions in the errors count UTF-8 bytes of the value
    /// with its opening quote, as event-ruler's do.</summary>
    private WildcardMatcher ParseWildcard(ref Utf8JsonReader r, string pattern)
    {
        var bytes = Encoding.UTF8.GetBytes(pattern);
        var pieces = new List<byte[]>();
        var current = new List<byte>();
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == (byte)'*')
            {
                if (i + 1 < bytes.Length && bytes[i + 1] == (byte)'*')
                {
                    Fail(ref r, "Consecutive wildcard characters at pos " + (i + 1));
                }
                pieces.Add([.. current]);
                current.Clear();
            }
            else if (b == (byte)'\\')
            {
                if (i + 1 < bytes.Length && bytes[i + 1] is (byte)'*' or (byte)'\\')
                {
                    current.Add(bytes[++i]);
                    continue;
                }
                Fail(ref r, "Invalid escape character at pos " + (i + 1));
            }
            else
            {
                current.Add(b);
            }
        }
        pieces.Add([.. current]);
        if (pieces.Count == 1)
        {
            return new WildcardMatcher([.. pieces], leadingStar: false, trailingStar: false);
        }
        // Stars at either end leave an empty piece there; the matcher wants only the literal pieces.
        var leading = pieces[0].Length == 0;
        var trailing = pieces[^1].Length == 0;
        var start = leading ? 1 : 0;
        var end = trailing ? pieces.Count - 1 : pieces.Count;
        return new WildcardMatcher([.. pieces.GetRange(start, Math.Max(0, end - start))], leading, trailing);
    }
}
