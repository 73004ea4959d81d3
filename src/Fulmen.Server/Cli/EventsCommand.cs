using System.Globalization;
using System.Text.Json;
using System.CommandLine;

namespace Fulmen.Server.Cli;

/// <summary>
/// <c>fulmen events [--json]</c>: the event buses, their rules with targets and delivery counts, the sends waiting for a
/// retry and the last deliveries (time, rule, target, result), from <c>GET /_fulmen/events</c>.
/// </summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var json = new Option<bool>("--json") { Description = "Print what the server answers (GET /_fulmen/events) instead of tables." };
        var command = new Command("events", "List event buses, rules with their targets and counts, and the last deliveries.") { json, endpoint };
        command.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            using var overview = await client.GetJsonAsync("_fulmen/events", cancellationToken);
            var root = overview.RootElement;
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(root, new JsonSerializerOptions { WriteIndented = true }));
                return;
            }
            var rules = root.GetProperty("Buses").EnumerateArray()
                .SelectMany(bus => bus.GetProperty("Rules").EnumerateArray().Select(rule => (Bus: bus.GetProperty("Name").GetString()!, Rule: rule)))
                .ToList();
            Console.WriteLine($"Buses: {string.Join(", ", root.GetProperty("Buses").EnumerateArray().Select(b => b.GetProperty("Name").GetString()))}");
            if (rules.Count == 0)
            {
                Console.WriteLine("No rules yet. Create one with `aws events put-rule --endpoint-url " + client.Endpoint + " …`.");
            }
            else
            {
                Console.WriteLine();
                ClientCommands.PrintTable(["BUS", "RULE", "STATE", "TARGETS", "MATCHED", "DELIVERED", "FAILED", "RETRIED", "DLQ"], [.. rules.Select(r => new[]
                {
                    r.Bus,
                    r.Rule.GetProperty("Name").GetString()!,
                    r.Rule.GetProperty("State").GetString()!,
                    string.Join(",", r.Rule.GetProperty("Targets").EnumerateArray().Select(t => t.GetProperty("Id").GetString())),
                    Number(r.Rule, "Matched"),
                    Number(r.Rule, "Delivered"),
                    Number(r.Rule, "Failed"),
                    Number(r.Rule, "Retried"),
                    Number(r.Rule, "SentToDeadLetter"),
                })]);
            }
            Console.WriteLine();
            Console.WriteLine($"Waiting for a retry: {Number(root.GetProperty("RetryQueue"), "Waiting")}");
            var recent = root.GetProperty("RecentDeliveries").EnumerateArray().ToList();
            if (recent.Count > 0)
            {
                Console.WriteLine();
                ClientCommands.PrintTable(["TIME", "SOURCE", "TARGET", "RESULT"], [.. recent.Select(d => new[]
                {
                    d.GetProperty("Time").GetString()!,
                    d.GetProperty("Source").GetString()!,
                    d.GetProperty("Target").GetString()!,
                    d.GetProperty("Result").GetString()!,
                })]);
            }
        }));
        return command;
    }

    private static string Number(JsonElement element, string name) => element.GetProperty(name).GetInt64().ToString(CultureInfo.InvariantCulture);
}
