using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Mutations of a body's bytes: truncated, flipped, replaced, invalid UTF-8 inside, or far larger than any limit.</summary>
internal static class ByteMutations
{
    public static (Func<byte[], byte[]> Mutate, string Label) Pick(Random random)
    {
        var seed = random.Next();
        switch (random.Next(7))
        {
            case 0:
                return (body => body.Length == 0 ? body : body[..new Random(seed).Next(body.Length)], "truncated");
            case 1:
                return (body =>
                {
                    var copy = (byte[])body.Clone();
                    var flips = new Random(seed);
                    for (var i = 0; i < 1 + copy.Length / 50 && copy.Length > 0; i++)
                    {
                        copy[flips.Next(copy.Length)] = (byte)flips.Next(256);
                    }
                    return copy;
                }, "bytes flipped");
            case 2:
                return (_ => HostileValues.NotJson(new Random(seed)), "not the expected format");
            case 3:
                byte[][] invalid = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x00]];
                var bytes = invalid[random.Next(invalid.Length)];
                return (body =>
                {
                    // Inside a string value when there is one, so the text stays JSON or form in shape.
                    var at = Array.IndexOf(body, (byte)'"', body.Length / 2) is var quote and >= 0 ? quote + 1 : body.Length / 2;
                    return [.. body[..at], .. bytes, .. body[at..]];
                }, $"invalid UTF-8 {Convert.ToHexString(bytes)}");
            case 4:
                var size = random.Next(2) == 0 ? 6_300_000 : 300_000;
                return (body => body.Length > 1 && body[0] == (byte)'{'
                    ? [.. "{\"Huge\":\""u8, .. Encoding.ASCII.GetBytes(new string('a', size)), .. "\","u8, .. body[1..]]
                    : [.. body, .. Encoding.ASCII.GetBytes("&Huge=" + new string('a', size))], $"{size:N0} more bytes");
            case 5:
                return (_ => [], "empty");
            default:
                return (body => [0xef, 0xbb, 0xbf, .. body], "a byte-order mark first");
        }
    }
}
