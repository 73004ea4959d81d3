using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// Requests a broken runtime client could send to the Runtime API of one of the fuzzed function's environments:
/// answers for request ids that are not in flight, errors with hostile types and bodies, an init error after init,
/// bodies over the limit, paths and methods the API does not have. Never <c>GET …/invocation/next</c>, which waits.
/// </summary>
internal static class RuntimeApiRequests
{
    /// <summary>The <c>AWS_LAMBDA_RUNTIME_API</c> ports of the running environments of <paramref name="function"/>.</summary>
    public static IReadOnlyList<int> Ports(FulmenServer server, string function)
    {
        var ports = new List<int>();
        foreach (var pid in server.ProcessesStartedByServer())
        {
            try
            {
                var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
                if (environment.Contains($"AWS_LAMBDA_FUNCTION_NAME={function}")
                    && environment.FirstOrDefault(v => v.StartsWith("AWS_LAMBDA_RUNTIME_API=", StringComparison.Ordinal)) is { } api
                    && int.TryParse(api.Split(':').Last(), out var port))
                {
                    ports.Add(port);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }
        return [.. ports.Distinct().Order()];
    }

    public static FuzzRequest Generate(int port, Random random)
    {
        var id = random.Next(3) == 0 ? Guid.NewGuid().ToString() : PercentEncoding.Encode(HostileValues.String(random));
        (string method, string path) = random.Next(8) switch
        {
            0 => ("POST", $"/2018-06-01/runtime/invocation/{id}/response"),
            1 => ("POST", $"/2018-06-01/runtime/invocation/{id}/error"),
            2 => ("POST", "/2018-06-01/runtime/init/error"),
            3 => ("PUT", "/2018-06-01/runtime/invocation/next"),
            4 => ("POST", $"/2018-06-01/runtime/invocation/{id}"),
            5 => ("GET", $"/2018-06-01/runtime/invocation/{id}/response"),
            6 => ("POST", "/2020-01-01/extension/register"),
            _ => ("DELETE", $"/{PercentEncoding.Encode(HostileValues.String(random))}"),
        };
        var body = random.Next(5) switch
        {
            0 => [],
            1 => new byte[6_300_000],
            2 => HostileValues.NotJson(random),
            _ => Encoding.UTF8.GetBytes("{\"errorMessage\":\"x\",\"errorType\":\"y\",\"stackTrace\":[null,1]}"),
        };
        var headers = new List<KeyValuePair<string, string>>();
        if (random.Next(2) == 0)
        {
            headers.Add(new("Lambda-Runtime-Function-Error-Type", new string([.. HostileValues.String(random).Where(c => c is >= ' ' and < '\u007f').Take(9_000)])));
        }
        return new FuzzRequest($"Runtime API: {method} {FuzzRequest.Shorten(path, 100)}", "lambda", method, path, body)
        {
            Headers = headers,
            ContentType = "application/json",
            Signing = Signing.Unsigned,
            Port = port,
        };
    }
}
