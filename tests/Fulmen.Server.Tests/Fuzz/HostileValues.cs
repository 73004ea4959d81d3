using System.Text;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>The values that broke servers before: control and non-XML characters, lone surrogates, huge and odd numbers.</summary>
internal static class HostileValues
{
    private static readonly string[] Strings =
    [
        "", " ", "\0", "a\0b", "\u0001", "\u001f", "line\r\nInjected: yes", "\r", "\n", "\t", "\u007f", "\u0085",
        "\ufffe", "\uffff", "\ud800", "a\udc00b", "\u202e", "é", "日本語", "😀", "\u00a0", "%00", "%", "%zz", "%2F", "+",
        "..", "../../etc/passwd", "/", "//", "\\", "C:\\x", "*", "$LATEST", ":", "fz-fn:", ":fz-fn", "fz-fn:$LATEST:extra",
        "arn:aws:lambda:us-east-1:000000000000:function:fz-fn:1:2", "arn:", "arn:aws:lambda:::function:", "arn:aws:iam::000000000000:role/",
        "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/x/0", "<", "<![CDATA[", "]]>", "&amp;", "\"", "'", "{", "}",
        "null", "true", "-1", "0", "1e400", "NaN", "9223372036854775808", "$default", "$request.method $request.path",
        "ANY /{proxy+}", "GET /", "GET", "integrations/", "{proxy+}", "{a}{b}", "application/*", "*/*", "~1", "/binaryMediaTypes/",
        "subnet-", "sg-\u0007", "-", "-a-", "internal-x", "a b", "tab\there",
    ];

    public static string String(Random random) => random.Next(10) switch
    {
        0 => Long(random),
        1 => RandomText(random, random.Next(1, 40)),
        _ => Strings[random.Next(Strings.Length)],
    };

    /// <summary>A long string: just over common limits, or far over them.</summary>
    public static string Long(Random random)
    {
        int[] lengths = [65, 129, 257, 1_025, 4_097, 65_537, 300_000, 1_100_000];
        var length = lengths[random.Next(lengths.Length)];
        return random.Next(3) == 0 ? string.Concat(Enumerable.Repeat("é\u0001", length / 2)) : new string('a', length);
    }

    /// <summary>Characters from anywhere in the BMP, control characters and surrogates included.</summary>
    public static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0xd800, 0xe000),
                2 => (char)random.Next(0x20, 0x7f),
                _ => (char)random.Next(0x80, 0x10000),
            });
        }
        return text.ToString();
    }

    public static JsonNode? Value(Random random) => random.Next(16) switch
    {
        0 => null,
        1 => JsonValue.Create(0),
        2 => JsonValue.Create(-1),
        3 => JsonValue.Create(long.MaxValue),
        4 => JsonValue.Create(1.5),
        5 => JsonValue.Create(1e300),
        6 => JsonValue.Create(true),
        7 => new JsonArray(),
        8 => new JsonObject(),
        9 => new JsonArray((JsonNode?)null),
        10 => new JsonArray("x", null),
        11 => new JsonObject { ["a"] = null },
        12 => JsonValue.Create(int.MinValue),
        _ => JsonValue.Create(String(random)),
    };

    /// <summary>Text that is not the JSON the operation expects, or not JSON at all.</summary>
    public static byte[] NotJson(Random random)
    {
        string[] texts = ["", "null", "[]", "\"text\"", "123", "{", "}", "{\"a\":", "<xml/>", "\ufeff{}", "{}{}", "{\"a\":1,}", "[1,2", "{'a':1}", "Infinity"];
        return random.Next(4) == 0 ? RandomBytes(random, random.Next(1, 2_000)) : Encoding.UTF8.GetBytes(texts[random.Next(texts.Length)]);
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A value nested <paramref name="depth"/> arrays or objects deep, as text.</summary>
    public static string Nested(Random random, int depth) => random.Next(2) == 0
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
}
