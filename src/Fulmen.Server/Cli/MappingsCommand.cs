using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Cli;

/// <summary>
/// <c>fulmen mappings [--json]</c>: the event source mappings, as a table (function, source, state, batch size,
/// batches in flight, last result) or as the Lambda API returns them with each mapping's <c>Metrics</c> added.
/// </summary>
internal static class MappingsCommand
{
    public static Command Create()
    {
        var endpoint = FulmenCommandLine.EndpointOption();
        var json = new Option<bool>("--json") { Description = "Print the mappings as the Lambda API returns them, with their counts (Metrics), instead of a table." };
        var command = new Command("mappings", "List the event source mappings: which function each source feeds, its state and last result.") { json, endpoint };
        command.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            var mappings = new JsonArray();
            string? marker = null;
            do
            {
                var path = "2015-03-31/event-source-mappings/" + (marker is null ? "" : $"?Marker={Uri.EscapeDataString(marker)}");
                using var page = await client.GetJsonAsync(path, cancellationToken);
                foreach (var mapping in page.RootElement.GetProperty("EventSourceMappings").EnumerateArray())
                {
                    mappings.Add(JsonNode.Parse(mapping.GetRawText()));
                }
                marker = page.RootElement.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
            }
            while (marker is not null);
            await AddMetricsAsync(client, mappings, cancellationToken);
            if (result.GetValue(json))
            {
                Console.WriteLine(new JsonObject { ["EventSourceMappings"] = mappings }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return;
            }
            if (mappings.Count == 0)
            {
                Console.WriteLine("No event source mappings yet. Create one with `aws lambda create-event-source-mapping --endpoint-url " + client.Endpoint + " …`.");
                return;
            }
            ClientCommands.PrintTable(["UUID", "FUNCTION", "SOURCE", "STATE", "BATCH", "IN FLIGHT", "LAST RESULT"], [.. mappings.Select(mapping => new[]
            {
                mapping!["UUID"]!.GetValue<string>(),
                Last(mapping["FunctionArn"]!.GetValue<string>(), "function:"),
                mapping["EventSourceArn"]!.GetValue<string>(),
                mapping["State"]!.GetValue<string>(),
                mapping["BatchSize"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                mapping["Metrics"]!["InFlight"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                mapping["LastProcessingResult"]?.GetValue<string>() ?? "",
            })]);
        }));
        return command;
    }

    /// <summary>
    /// Adds <c>Metrics</c> to each mapping: the server's counts since it started (<c>GET /_fulmen/mappings</c>), zeros
    /// for a mapping it has not polled (disabled, or created on another node).
    /// </summary>
    private static async Task AddMetricsAsync(FulmenClient client, JsonArray mappings, CancellationToken cancellationToken)
    {
        using var statistics = await client.GetJsonAsync("_fulmen/mappings", cancellationToken);
        var byUuid = statistics.RootElement.GetProperty("Mappings").EnumerateArray()
            .ToDictionary(status => status.GetProperty("UUID").GetString()!, StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var metrics = new JsonObject();
            if (byUuid.TryGetValue(mapping!["UUID"]!.GetValue<string>(), out var status))
            {
                foreach (var member in status.EnumerateObject().Where(member => member.Name is not ("UUID" or "FunctionName")))
                {
                    metrics[member.Name] = JsonNode.Parse(member.Value.GetRawText());
                }
            }
            else
            {
                foreach (var name in (string[])["InFlight", "PolledEventCount", "FilteredOutEventCount", "InvokedEventCount", "FailedInvokeEventCount",
                    "DeletedEventCount", "DeadLetteredEventCount", "OldestMessageAgeSeconds"])
                {
                    metrics[name] = 0;
                }
            }
            mapping["Metrics"] = metrics;
        }
    }

    /// <summary>The function as a reader names it: the ARN after <c>function:</c> (name and qualifier).</summary>
    private static string Last(string arn, string marker) =>
        arn.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? arn[(at + marker.Length)..] : arn;
}
