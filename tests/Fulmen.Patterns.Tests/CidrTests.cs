namespace Fulmen.Patterns.Tests;

/// <summary>IPv4 and IPv6 ranges, and event strings that are not addresses.</summary>
public sealed class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.0", true)]
    [InlineData("10.0.0.0/24", "10.0.0.255", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0", false)]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("10.0.0.0/24", "10.0.0", false)]
    [InlineData("10.0.0.0/24", "10.0.0.256", false)]
    [InlineData("10.0.0.0/24", "::ffff:10.0.0.1", false)]
    [InlineData("10.0.0.0/24", "hello", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("::/0", "::", true)]
    [InlineData("fe80::/10", "FEBF::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("::ffff:0:0/96", "::ffff:192.168.1.1", true)]
    [InlineData("2001:db8::/64", "2001:db8::1::2", false)]
    [InlineData("2001:db8::/64", "2001:db8:0:0:0:0:0:0:1", false)]
    public void Cidr_AgainstAddress(string cidr, string address, bool expected)
    {
        Assert.Equal(expected, Match.Of($$"""{"ip":[{"cidr":"{{cidr}}"}]}""", $$"""{"ip":"{{address}}"}"""));
    }
}
