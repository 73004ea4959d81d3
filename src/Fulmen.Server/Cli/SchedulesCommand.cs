using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Fulmen.Server.Cli;

/// <summary>
/// <c>fulmen schedules [--json]</c>: every schedule the server fires (scheduled rules, Scheduler schedules), as a table
/// (owner, id, expression, next fire time, last tick and its result) or as <c>GET /_fulmen/schedules</c> answers.
/// </summary>
internal static class SchedulesCommand
{
    public static Command Create()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var json = new Option<bool>("--json") { Description = "Print the schedules as the server reports them instead of a table." };
        var command = new Command("schedules", "List the schedules the server fires: when each fires next and what its last tick did.") { json, endpoint };
        command.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            using var answer = await client.GetJsonAsync("_fulmen/schedules", cancellationToken);
            var root = answer.RootElement;
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(root, new JsonSerializerOptions { WriteIndented = true }));
                return;
            }
            var schedules = root.GetProperty("schedules").EnumerateArray().ToList();
            if (schedules.Count == 0)
            {
                Console.WriteLine("No schedules yet. Create one with `aws events put-rule --schedule-expression 'rate(5 minutes)' --endpoint-url " + client.Endpoint + " …`.");
                return;
            }
            if (!root.GetProperty("leaseHolder").GetBoolean())
            {
                Console.WriteLine("Another node holds the schedule lease and fires these schedules; next times are known there.");
            }
            ClientCommands.PrintTable(["OWNER", "ID", "EXPRESSION", "TIMEZONE", "NEXT", "LAST", "LAST RESULT"], [.. schedules.Select(s => new[]
            {
                s.GetProperty("owner").GetString()!,
                s.GetProperty("id").GetString()!,
                s.GetProperty("expression").GetString()!,
                s.GetProperty("timezone").GetString()!,
                Time(s, "nextFireTime"),
                Time(s, "lastScheduledTime"),
                s.TryGetProperty("lastResult", out var last) ? last.GetString()! : "",
            })]);
        }));
        return command;
    }

    /// <summary>A time member as UTC to the second, or "-" when absent.</summary>
    private static string Time(JsonElement schedule, string member) =>
        schedule.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "-";
}
