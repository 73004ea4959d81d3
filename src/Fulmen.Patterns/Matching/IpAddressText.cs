namespace Fulmen.Patterns.Matching;

/// <summary>Parses IPv4 dotted quads and IPv6 text (with <c>::</c> and a trailing dotted quad) from UTF-8 without
/// allocating; <see cref="System.Net.IPAddress"/> would allocate for every event value.</summary>
internal static class IpAddressText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out UInt128 address, out bool isV6)
    {
        address = 0;
        isV6 = text.IndexOf((byte)':') >= 0;
        if (!isV6)
        {
            var ok = TryParseV4(text, out var v4);
            address = v4;
            return ok;
        }
        return TryParseV6(text, out address);
    }

    private static bool TryParseV4(ReadOnlySpan<byte> text, out uint address)
    {
        address = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            var digits = 0;
            var value = 0;
            while (digits < text.Length && text[digits] is >= (byte)'0' and <= (byte)'9')
            {
                value = (value * 10) + (text[digits] - '0');
                if (++digits > 3)
                {
                    return false;
                }
            }
            if (digits == 0 || value > 255)
            {
                return false;
            }
            address = (address << 8) | (uint)value;
            text = text[digits..];
            if (octet < 3)
            {
                if (text.IsEmpty || text[0] != (byte)'.')
                {
                    return false;
                }
                text = text[1..];
            }
        }
        return text.IsEmpty;
    }

    private static bool TryParseV6(ReadOnlySpan<byte> text, out UInt128 address)
    {
        address = 0;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var compressAt = -1;
        if (text.StartsWith("::"u8))
        {
            compressAt = 0;
            text = text[2..];
        }
        while (!text.IsEmpty)
        {
            if (count >= 8)
            {
                return false;
            }
            var end = text.IndexOf((byte)':');
            var group = end < 0 ? text : text[..end];
            if (end < 0 && group.IndexOf((byte)'.') >= 0)
            {
                // A trailing IPv4 address fills the last two groups.
                if (count > 6 || !TryParseV4(group, out var v4))
                {
                    return false;
                }
                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                break;
            }
            if (!TryParseHexGroup(group, out var value))
            {
                return false;
            }
            groups[count++] = value;
            if (end < 0)
            {
                break;
            }
            text = text[(end + 1)..];
            if (!text.IsEmpty && text[0] == (byte)':')
            {
                if (compressAt >= 0)
                {
                    return false;
                }
                compressAt = count;
                text = text[1..];
            }
            else if (text.IsEmpty)
            {
                return false;
            }
        }
        if (compressAt >= 0 ? count > 7 : count != 8)
        {
            return false;
        }
        // Groups after "::" belong at the end of the address.
        var gap = 8 - count;
        for (var i = 0; i < count; i++)
        {
            var position = compressAt >= 0 && i >= compressAt ? i + gap : i;
            address |= (UInt128)groups[i] << (112 - (16 * position));
        }
        return true;
    }

    private static bool TryParseHexGroup(ReadOnlySpan<byte> group, out ushort value)
    {
        value = 0;
        if (group.IsEmpty || group.Length > 4)
        {
            return false;
        }
        foreach (var c in group)
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }
            value = (ushort)((value << 4) | digit);
        }
        return true;
    }
}
