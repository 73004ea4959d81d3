using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Fulmen.Server.Cli;

/// <summary><c>fulmen queue [--json] [--watch]</c>: the asynchronous queue per function, as a table.</summary>
internal static class QueueCommand
{
    private static readonly string[] Header = ["FUNCTION", "WAITING", "IN-FLIGHT", "RETRYING", "SUCCEEDED", "TO-ON-SUCCESS", "TO-ON-FAILURE", "DROPPED"];
    private static readonly string[] Members = ["Waiting", "InFlight", "Retrying", "Succeeded", "SentOnSuccess", "SentOnFailure", "Dropped"];

    public static Command Create()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var json = new Option<bool>("--json") { Description = "Print the server's JSON instead of a table." };
        var watch = new Option<bool>("--watch", "-w") { Description = "Redraw every second until Ctrl+C." };
        var command = new Command("queue",
            "Show asynchronous events per function: waiting, in flight, retrying, and what became of finished ones since the server started.")
        {
            json, watch, endpoint,
        };
        command.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            var watching = result.GetValue(watch);
            while (true)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "_fulmen/queue"), cancellationToken);
                await FulmenClient.EnsureSuccessAsync(response, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (watching)
                {
                    // On a terminal, redraw in place; piped, print one snapshot after another.
                    Console.Write(Console.IsOutputRedirected ? Environment.NewLine : "\e[H\e[2J");
                }
                Console.WriteLine(result.GetValue(json) ? body : Render(body));
                if (!watching)
                {
                    return;
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }));
        return command;
    }

    /// <summary>The table: the name left-aligned, the counts right-aligned under their headings.</summary>
    private static string Render(string json)
    {
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.GetProperty("Functions").EnumerateArray()
            .Select(function => (string[])[
                function.GetProperty("FunctionName").GetString()!,
                .. Members.Select(member => function.GetProperty(member).GetInt64().ToString(CultureInfo.InvariantCulture)),
            ])
            .ToList();
        if (rows.Count == 0)
        {
            return "No asynchronous events yet.";
        }
        var widths = Header.Select((heading, i) => Math.Max(heading.Length, rows.Max(row => row[i].Length))).ToArray();
        var lines = new[] { Header }.Concat(rows).Select(row => string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))));
        return string.Join(Environment.NewLine, lines);
    }
}
