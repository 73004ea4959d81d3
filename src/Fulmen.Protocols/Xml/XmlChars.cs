using System.Xml;

namespace Fulmen.Protocols.Xml;

/// <summary>
/// Text as XML 1.0 can carry it. A value a caller once sent (a stored name, an echoed message) may hold characters XML
/// cannot represent at all, escaped or not (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF, unpaired
/// surrogates); the XmlWriter throws on them, which would make every later answer naming that value fail. They become
/// U+FFFD instead, so an answer is always written.
/// </summary>
public static class XmlChars
{
    public static string Safe(string value)
    {
        var first = FirstUnsafe(value);
        if (first < 0)
        {
            return value;
        }
        var chars = value.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (IsPair(value, i))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary>Whether XML 1.0 can carry <paramref name="value"/> as it is.</summary>
    public static bool IsSafe(string value) => FirstUnsafe(value) < 0;

    /// <summary>The index of the first character XML cannot carry, or -1.</summary>
    public static int FirstUnsafe(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (IsPair(value, i))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(value[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsPair(string value, int i) =>
        char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
}
