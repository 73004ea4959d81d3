using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Events.Delivery;
using Fulmen.Events.Model;

namespace Fulmen.Events.Api;

public sealed partial class EventsApi
{
    private const int MaxRequestSize = 256 * 1024;

    private async Task<JsonObject> PutEventsAsync(EventsRequest request)
    {
        var entries = request.Array("Entries") ?? throw EventsErrors.Missing("entries");
        if (entries.Count is < 1 or > 10)
        {
            throw EventsErrors.Constraint("[...]", "entries",
                entries.Count == 0 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 10");
        }
        if (entries.Sum(e => EntrySize(e as JsonObject ?? throw EventsRequest.Serialization())) > MaxRequestSize)
        {
            throw EventsErrors.Validation("Total size of the entries in the request is over the limit.");
        }
        var ingestion = time.GetUtcNow();
        var results = new JsonArray();
        var failed = 0;
        foreach (var node in entries)
        {
            var entry = (JsonObject)node!;
            if (Problem(entry) is { } problem)
            {
                failed++;
                results.Add(new JsonObject { ["ErrorCode"] = problem.Code, ["ErrorMessage"] = problem.Message });
                continue;
            }
            var id = Guid.NewGuid().ToString();
            var bus = EventArns.BusName(Text(entry["EventBusName"]) ?? EventCatalog.DefaultBus);
            var envelope = Envelope(entry, id, ingestion);
            // Answered only after every matched target holds the event durably (the async queue, the queue store).
            await delivery.DeliverAsync(bus, envelope, ingestion, request.Aborted);
            results.Add(new JsonObject { ["EventId"] = id });
        }
        return new JsonObject { ["FailedEntryCount"] = failed, ["Entries"] = results };
    }

    /// <summary>The entry's error code and message, as PutEvents reports them per entry; null when it is valid.</summary>
    private static (string Code, string Message)? Problem(JsonObject entry)
    {
        if (Text(entry["Source"]) is null or "")
        {
            return ("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (Text(entry["DetailType"]) is null or "")
        {
            return ("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (Text(entry["Detail"]) is not { } detail)
        {
            return ("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        try
        {
            if (JsonNode.Parse(detail) is not JsonObject)
            {
                return ("MalformedDetail", "Detail is malformed.");
            }
        }
        catch (JsonException)
        {
            return ("MalformedDetail", "Detail is malformed.");
        }
        if (entry["Resources"] is { } resources && (resources is not JsonArray list || list.Any(r => r?.GetValueKind() != JsonValueKind.String)))
        {
            return ("InvalidArgument", "Parameter Resources is not valid.");
        }
        if (entry["Time"] is { } when && EventTime(when) is null)
        {
            return ("InvalidArgument", "Parameter Time is not valid.");
        }
        return null;
    }

    /// <summary>The entry's event (<see cref="EventEnvelope"/>): its Time when given, else the ingestion time.</summary>
    private string Envelope(JsonObject entry, string id, DateTimeOffset ingestion)
    {
        var when = entry["Time"] is { } given ? EventTime(given)!.Value : ingestion;
        var resources = entry["Resources"] is JsonArray list ? list.Select(r => r!.GetValue<string>()) : null;
        return EventEnvelope.Build(account, id, Text(entry["Source"])!, Text(entry["DetailType"])!, JsonNode.Parse(Text(entry["Detail"])!), resources, when);
    }

    /// <summary>A timestamp as JSON 1.1 carries it (epoch seconds), or an ISO 8601 string some clients send.</summary>
    private static DateTimeOffset? EventTime(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number when node.AsValue().TryGetValue<double>(out var seconds) && seconds is >= 0 and < 253402300800 =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
        JsonValueKind.String when DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>An entry's size as EventBridge counts it: Source, DetailType, Detail, Resources, and 14 bytes for Time.</summary>
    private static int EntrySize(JsonObject entry)
    {
        static int Bytes(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? Encoding.UTF8.GetByteCount(node.GetValue<string>()) : 0;
        var size = Bytes(entry["Source"]) + Bytes(entry["DetailType"]) + Bytes(entry["Detail"]) + (entry["Time"] is null ? 0 : 14);
        if (entry["Resources"] is JsonArray resources)
        {
            size += resources.Sum(Bytes);
        }
        return size;
    }
}
