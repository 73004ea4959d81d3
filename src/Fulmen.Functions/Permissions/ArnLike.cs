namespace Fulmen.Functions.Permissions;

/// <summary>
/// IAM's <c>ArnLike</c>: case-sensitive, with <c>*</c> (any run of characters) and <c>?</c> (one character).
/// Each of the six colon-separated ARN components is matched on its own, so a wildcard never spans a colon
/// except inside the last (resource) component.
/// </summary>
internal static class ArnLike
{
    private const int Components = 6;

    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        for (var component = 1; component < Components; component++)
        {
            var p = pattern.IndexOf(':');
            var v = value.IndexOf(':');
            if (p < 0 || v < 0)
            {
                // Not a full ARN on one side (or both): compare what is left as a whole.
                return p < 0 && v < 0 && Glob(pattern, value);
            }
            if (!Glob(pattern[..p], value[..v]))
            {
                return false;
            }
            pattern = pattern[(p + 1)..];
            value = value[(v + 1)..];
        }
        return Glob(pattern, value);
    }

    /// <summary>Wildcard match with one backtrack point: linear for the patterns policies use.</summary>
    public static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
