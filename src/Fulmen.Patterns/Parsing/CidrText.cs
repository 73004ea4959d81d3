using System.Globalization;
using System.Text;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

/// <summary>Reads <c>address/bits</c> with event-ruler's checks and messages (it refuses /32 and /128).</summary>
internal static class CidrText
{
    public static string? TryParse(string text, out CidrMatcher? matcher)
    {
        matcher = null;
        var parts = text.Split('/');
        // Java's split drops trailing empty strings, so "10.0.0.0/" has one part.
        var count = parts.Length;
        while (count > 0 && parts[count - 1].Length == 0)
        {
            count--;
        }
        if (count != 2)
        {
            return "Malformed CIDR, one '/' required";
        }
        if (!int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bits))
        {
            return "Malformed CIDR, mask bits must be an integer";
        }
        if (bits < 0)
        {
            return "Malformed CIDR, mask bits must not be negative";
        }
        if (!IpAddressText.TryParse(Encoding.UTF8.GetBytes(parts[0]), out var address, out var v6))
        {
            return "Nonstandard IP address: " + parts[0];
        }
        if (!v6 && bits > 31)
        {
            return "IPv4 mask bits must be < 32";
        }
        if (v6 && bits > 127)
        {
            return "IPv6 mask bits must be < 128";
        }
        matcher = CidrMatcher.Create(address, v6, bits);
        return null;
    }
}
