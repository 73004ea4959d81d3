using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary>Reads an event's string and number values without allocating: the raw UTF-8 the document already
/// holds is the value unless the string carries escapes, which events rarely do.</summary>
internal static class EventText
{
    /// <summary>The unescaped UTF-8 of a string value.</summary>
    public static ReadOnlySpan<byte> Utf8(in JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var inner = raw[1..^1];
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return inner;
        }
        // Escaped text: rare, so the allocation stays off the common path.
        return Encoding.UTF8.GetBytes(value.GetString()!);
    }

    /// <summary>The number exactly as the event wrote it (e.g. <c>3.0e2</c>).</summary>
    public static ReadOnlySpan<byte> RawNumber(in JsonElement value) => JsonMarshal.GetRawUtf8Value(value);

    /// <summary>Compares a UTF-8 value with a pattern string ignoring case, the way event-ruler folds case.</summary>
    public static bool CompareIgnoreCase(ReadOnlySpan<byte> utf8, string expected, IgnoreCaseMode mode)
    {
        char[]? rented = null;
        var max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        var buffer = max <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(max));
        try
        {
            var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
            return mode switch
            {
                IgnoreCaseMode.Equals => chars.Equals(expected, StringComparison.OrdinalIgnoreCase),
                IgnoreCaseMode.Prefix => chars.StartsWith(expected, StringComparison.OrdinalIgnoreCase),
                _ => chars.EndsWith(expected, StringComparison.OrdinalIgnoreCase),
            };
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}

internal enum IgnoreCaseMode
{
    Equals,
    Prefix,
    Suffix,
}
