namespace Fulmen.Functions.Http;

/// <summary>
/// What a function may put in a response header, checked before anything is written, so a bad header is the front's
/// own error rather than the server's failure halfway through a response. Names are RFC 9110 tokens; values may hold
/// any text but control characters (tab aside): CR or LF would split the header, NUL ends it for many clients. Text
/// beyond ASCII (a UTF-8 file name in <c>Content-Disposition</c>) passes through as UTF-8 bytes, as AWS's fronts do.
/// </summary>
public static class HeaderRules
{
    /// <summary>A header name: one or more token characters (letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>).</summary>
    public static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A header value: no control character but tab (no CR, LF, NUL or DEL).</summary>
    public static bool IsFieldValue(string value)
    {
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c == '\u007f')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Every name a token and every value a field value.</summary>
    public static bool AreValid(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!IsToken(name) || !IsFieldValue(value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The bytes the headers take on the wire (<c>name: value</c> and CRLF, values as UTF-8).</summary>
    public static long WireLength(IEnumerable<KeyValuePair<string, string>> headers)
    {
        long total = 0;
        foreach (var (name, value) in headers)
        {
            total += name.Length + 4 + System.Text.Encoding.UTF8.GetByteCount(value);
        }
        return total;
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
