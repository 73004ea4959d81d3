using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Requests to the fronts of the fuzz set (function URL, HTTP API, REST API, ALB): odd methods, paths, queries, headers and bodies.</summary>
internal static class FrontRequests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "get", "M-SEARCH", new string('X', 300)];

    private static readonly string[] HeaderNames =
    [
        "Content-Type", "Cookie", "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "X-Forwarded-For",
        "X-Forwarded-Proto", "Accept-Encoding", "Content-Encoding", "X-Amzn-Trace-Id", "Authorization", "X-Custom", "x-custom", "If-None-Match",
    ];

    public static FuzzRequest Generate(FuzzResources r, int edgePort, Random random)
    {
        var path = new StringBuilder();
        for (var i = random.Next(4); i >= 0; i--)
        {
            path.Append('/').Append(random.Next(3) switch
            {
                0 => PercentEncoding.Encode(HostileValues.String(random)),
                1 => random.Next(2) == 0 ? "%FF%FE" : "..",
                _ => "items",
            });
        }
        var query = random.Next(2) == 0 ? "" : "?" + (random.Next(3) switch
        {
            0 => "a=1&a=2&flag&=empty&b=%zz",
            1 => PercentEncoding.Form([new(HostileValues.String(random), HostileValues.String(random))]),
            _ => "x=" + new string('q', 9_000),
        });
        (string target, string pathAndQuery, string? host, int? port) = random.Next(5) switch
        {
            0 => ("function URL", $"/_aws/lambda-url/{r.UrlId}{path}{query}", (string?)null, (int?)null),
            1 => ("function URL by host", $"{path}{query}", $"{r.UrlId}.lambda-url.us-east-1.localhost:{edgePort}", null),
            2 => ("HTTP API", $"/_aws/execute-api/{r.HttpApiId}{path}{query}", null, null),
            3 => ("REST API", $"/_aws/execute-api/{r.RestApiId}/{(random.Next(4) == 0 ? "nostage" : r.RestStage)}{path}{query}", (string?)null, null),
            _ => ("ALB", $"{path}{query}", null, r.ListenerPort),
        };
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = random.Next(4); i > 0; i--)
        {
            var value = new string([.. HostileValues.String(random).Where(c => c is >= ' ' and < '\u007f').Take(20_000)]);
            headers.Add(new(HeaderNames[random.Next(HeaderNames.Length)], value));
        }
        var body = random.Next(4) switch
        {
            0 => [],
            1 => HostileValues.RandomBytes(random, random.Next(1, 4_000)),
            2 => Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "{\"a\":1}" : HostileValues.Nested(random, 10_000)),
            _ => random.Next(8) == 0 ? new byte[6_400_000] : Encoding.UTF8.GetBytes(HostileValues.String(random)),
        };
        var method = Methods[random.Next(Methods.Length)];
        return new FuzzRequest($"{target}: {FuzzRequest.Shorten(method, 20)} {FuzzRequest.Shorten(pathAndQuery, 120)}", "execute-api", method, pathAndQuery, body)
        {
            Headers = headers,
            Host = host,
            Port = port,
            Signing = Signing.Unsigned,
            Front = true,
        };
    }
}
