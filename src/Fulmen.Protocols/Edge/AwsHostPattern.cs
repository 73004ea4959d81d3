namespace Fulmen.Protocols.Edge;

/// <summary>
/// A host-addressed front: a host name <c>{id}{Label}…</c> (any suffix, so <c>.localhost</c> and AWS's own
/// domains both work) whose id is <paramref name="IdLength"/> ASCII letters and digits, or any non-empty id
/// when the length is 0 (an S3 bucket).
/// </summary>
public sealed record AwsHostPattern(string Label, int IdLength = 0)
{
    public bool Matches(ReadOnlySpan<char> host)
    {
        var at = host.IndexOf(Label, StringComparison.OrdinalIgnoreCase);
        if (at <= 0 || (IdLength > 0 && at != IdLength))
        {
            return false;
        }
        if (IdLength == 0)
        {
            return true;
        }
        foreach (var c in host[..at])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
