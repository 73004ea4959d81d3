using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary><c>{"cidr": "10.0.0.0/24"}</c> (IPv4 or IPv6), and also a plain string in a pattern that is an IP
/// address: event-ruler compares those as addresses, so <c>"::1"</c> matches <c>"0:0:0:0:0:0:0:1"</c>.</summary>
internal sealed class CidrMatcher(UInt128 low, UInt128 high, bool isV6) : ValueMatcher
{
    public override bool Matches(in JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && IpAddressText.TryParse(EventText.Utf8(value), out var address, out var v6)
        && v6 == isV6 && address >= low && address <= high;

    public static CidrMatcher Create(UInt128 address, bool isV6, int maskBits)
    {
        var width = isV6 ? 128 : 32;
        var hostBits = width - maskBits;
        var hostMask = hostBits == 0 ? UInt128.Zero : (hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1);
        // Like event-ruler, the range starts at the address as written (host bits are not cleared).
        return new CidrMatcher(address, address | hostMask, isV6);
    }
}
