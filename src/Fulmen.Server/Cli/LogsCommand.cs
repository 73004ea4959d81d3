using System.CommandLine;
using System.Globalization;

namespace Fulmen.Server.Cli;

/// <summary><c>fulmen logs NAME [--follow]</c>: prints a function's log streams, and with --follow keeps printing new lines.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var name = new Argument<string>("name") { Description = "Function name." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new log lines until Ctrl+C." };
        var command = new Command("logs", "Print a function's logs (log group /aws/lambda/NAME).") { name, follow, endpoint };
        command.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            var function = result.GetValue(name)!;
            var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
            var printedAny = false;
            while (true)
            {
                printedAny |= await PrintNewAsync(client, function, offsets, cancellationToken);
                if (!result.GetValue(follow))
                {
                    if (!printedAny)
                    {
                        Console.Error.WriteLine($"No logs for {function} yet: they appear after its first invocation.");
                    }
                    return;
                }
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }));
        return command;
    }

    private static async Task<bool> PrintNewAsync(FulmenClient client, string function, Dictionary<string, long> offsets, CancellationToken cancellationToken)
    {
        var printed = false;
        using var streams = await client.GetJsonAsync($"_fulmen/logs/{Uri.EscapeDataString(function)}", cancellationToken);
        foreach (var stream in streams.RootElement.GetProperty("logStreams").EnumerateArray())
        {
            var streamName = stream.GetProperty("logStreamName").GetString()!;
            var length = stream.GetProperty("storedBytes").GetInt64();
            var from = offsets.GetValueOrDefault(streamName);
            if (length == from)
            {
                continue;
            }
            if (length < from)
            {
                from = 0; // the stream was rotated
            }
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get,
                $"_fulmen/logs/{Uri.EscapeDataString(function)}/stream?name={Uri.EscapeDataString(streamName)}&from={from.ToString(CultureInfo.InvariantCulture)}"), cancellationToken);
            await FulmenClient.EnsureSuccessAsync(response, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine($"{streamName} {line}");
            }
            offsets[streamName] = from + System.Text.Encoding.UTF8.GetByteCount(text);
            printed = true;
        }
        return printed;
    }
}
