using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Fulmen.Server.Cli;

/// <summary><c>fulmen functions</c> and <c>fulmen invoke</c>: the everyday commands, readable rather than raw JSON.</summary>
internal static class ClientCommands
{
    public static Command Functions()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var command = new Command("functions", "List the functions on the server.") { endpoint };
        command.SetAction((result, cancellationToken) => Run(async () =>
        {
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            var rows = new List<string[]>();
            string? marker = null;
            do
            {
                var path = "2015-03-31/functions" + (marker is null ? "" : $"?Marker={Uri.EscapeDataString(marker)}");
                using var page = await client.GetJsonAsync(path, cancellationToken);
                foreach (var function in page.RootElement.GetProperty("Functions").EnumerateArray())
                {
                    var functionName = function.GetProperty("FunctionName").GetString()!;
                    rows.Add([
                        functionName,
                        function.GetProperty("Runtime").GetString()!,
                        function.GetProperty("MemorySize").GetInt32() + " MB",
                        function.GetProperty("Timeout").GetInt32() + " s",
                        function.GetProperty("LastModified").GetString()!,
                        await VersionsOfAsync(client, functionName, cancellationToken),
                        await AliasesOfAsync(client, functionName, cancellationToken),
                    ]);
                }
                marker = page.RootElement.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
            }
            while (marker is not null);
            if (rows.Count == 0)
            {
                Console.WriteLine("No functions yet. Create one with `aws lambda create-function --endpoint-url " + client.Endpoint + " …`.");
                return;
            }
            PrintTable(["NAME", "RUNTIME", "MEMORY", "TIMEOUT", "LAST MODIFIED", "VERSIONS", "ALIASES"], rows);
        }));
        return command;
    }

    public static Command Invoke()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var name = new Argument<string>("name") { Description = "Function name or ARN, optionally with :VERSION or :ALIAS." };
        var payload = new Option<string>("--payload") { Description = "The event: JSON text, or @file to read it from a file.", DefaultValueFactory = _ => "{}" };
        var command = new Command("invoke", "Invoke a function and print its response and log tail.") { name, payload, endpoint };
        command.SetAction((result, cancellationToken) => Run(async () =>
        {
            var text = result.GetValue(payload)!;
            var body = text.StartsWith('@') ? await File.ReadAllBytesAsync(text[1..], cancellationToken) : Encoding.UTF8.GetBytes(text);
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"2015-03-31/functions/{Uri.EscapeDataString(result.GetValue(name)!)}/invocations")
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = FulmenClient.Json } },
            };
            request.Headers.Add("X-Amz-Log-Type", "Tail");
            using var response = await client.SendAsync(request, cancellationToken);
            await FulmenClient.EnsureSuccessAsync(response, cancellationToken);
            if (response.Headers.TryGetValues("X-Amz-Log-Result", out var tail))
            {
                Console.Error.Write(Encoding.UTF8.GetString(Convert.FromBase64String(tail.First())));
            }
            if (response.Headers.TryGetValues("X-Amz-Executed-Version", out var version))
            {
                Console.Error.WriteLine($"Executed version: {version.First()}");
            }
            var output = await response.Content.ReadAsStringAsync(cancellationToken);
            Console.WriteLine(output);
            if (response.Headers.Contains("X-Amz-Function-Error"))
            {
                throw new CliException("the function returned an error (above).");
            }
        }));
        return command;
    }

    /// <summary>The published versions of a function, e.g. <c>1, 2, 3</c> (<c>-</c> when none).</summary>
    private static async Task<string> VersionsOfAsync(FulmenClient client, string functionName, CancellationToken cancellationToken)
    {
        var versions = new List<string>();
        string? marker = null;
        do
        {
            var path = $"2015-03-31/functions/{Uri.EscapeDataString(functionName)}/versions" + (marker is null ? "" : $"?Marker={Uri.EscapeDataString(marker)}");
            using var page = await client.GetJsonAsync(path, cancellationToken);
            versions.AddRange(page.RootElement.GetProperty("Versions").EnumerateArray()
                .Select(v => v.GetProperty("Version").GetString()!)
                .Where(v => v != "$LATEST"));
            marker = page.RootElement.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
        }
        while (marker is not null);
        return versions.Count == 0 ? "-" : string.Join(", ", versions);
    }

    /// <summary>A function's aliases with their versions, e.g. <c>live=1 (2: 10%)</c> (<c>-</c> when none).</summary>
    private static async Task<string> AliasesOfAsync(FulmenClient client, string functionName, CancellationToken cancellationToken)
    {
        var aliases = new List<string>();
        string? marker = null;
        do
        {
            var path = $"2015-03-31/functions/{Uri.EscapeDataString(functionName)}/aliases" + (marker is null ? "" : $"?Marker={Uri.EscapeDataString(marker)}");
            using var page = await client.GetJsonAsync(path, cancellationToken);
            foreach (var alias in page.RootElement.GetProperty("Aliases").EnumerateArray())
            {
                var text = $"{alias.GetProperty("Name").GetString()}={alias.GetProperty("FunctionVersion").GetString()}";
                if (alias.TryGetProperty("RoutingConfig", out var routing) && routing.TryGetProperty("AdditionalVersionWeights", out var weights))
                {
                    text += string.Concat(weights.EnumerateObject().Select(w => $" ({w.Name}: {(w.Value.GetDouble() * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%)"));
                }
                aliases.Add(text);
            }
            marker = page.RootElement.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
        }
        while (marker is not null);
        return aliases.Count == 0 ? "-" : string.Join(", ", aliases);
    }

    /// <summary>Runs a client command: 0 on success, 1 with one line on stderr on failure.</summary>
    public static async Task<int> Run(Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"fulmen: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"fulmen: {e.Message}");
            return 1;
        }
    }

    internal static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
