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
                    rows.Add([
                        function.GetProperty("FunctionName").GetString()!,
                        function.GetProperty("Runtime").GetString()!,
                        function.GetProperty("MemorySize").GetInt32() + " MB",
                        function.GetProperty("Timeout").GetInt32() + " s",
                        function.GetProperty("LastModified").GetString()!,
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
            PrintTable(["NAME", "RUNTIME", "MEMORY", "TIMEOUT", "LAST MODIFIED"], rows);
        }));
        return command;
    }

    public static Command Invoke()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var name = new Argument<string>("name") { Description = "Function name or ARN." };
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
            var output = await response.Content.ReadAsStringAsync(cancellationToken);
            Console.WriteLine(output);
            if (response.Headers.Contains("X-Amz-Function-Error"))
            {
                throw new CliException("the function returned an error (above).");
            }
        }));
        return command;
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

    private static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
