using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Percent-encoding of any string, lone surrogates included (as U+FFFD, the way a client's UTF-8 encoder would).</summary>
internal static class PercentEncoding
{
    public static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in new UTF8Encoding(false, false).GetBytes(value))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }

    public static string Form(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
}
