using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Events.Archives;
using Fulmen.Events.Model;
using Fulmen.Protocols.Arns;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Api;

public sealed partial class EventsApi
{
    private async Task<JsonObject> StartReplayAsync(EventsRequest request)
    {
        var name = request.Name("ReplayName", "replayName", EventsRequest.RuleName, EventsRequest.RuleNamePattern, 64);
        var sourceArn = request.Required("EventSourceArn", "eventSourceArn");
        var start = Timestamp(request.Body["EventStartTime"]) ?? throw EventsErrors.Missing("eventStartTime");
        var end = Timestamp(request.Body["EventEndTime"]) ?? throw EventsErrors.Missing("eventEndTime");
        var destination = request.Body["Destination"] as JsonObject ?? throw EventsErrors.Missing("destination");
        var destinationArn = Text(destination["Arn"]) ?? throw EventsErrors.Missing("destination.arn");
        if (EventArns.Parse(account, destinationArn) is not (var bus, null))
        {
            throw EventsErrors.Validation("Parameter Destination.Arn is not valid. Reason: Must contain an event bus ARN.");
        }
        if (await catalog.FindBusAsync(bus, request.Aborted) is null)
        {
            throw EventsErrors.BusNotFound(bus);
        }
        var archiveName = Arn.TryParse(sourceArn, out var parsed) && parsed.Service == "events" && parsed.Resource.StartsWith("archive/", StringComparison.Ordinal)
            ? parsed.Resource["archive/".Length..]
            : throw EventsErrors.Validation("Parameter EventSourceArn is not valid. Reason: Provided Arn is not in correct format.");
        var archive = (await archives.FindArchiveAsync(archiveName, request.Aborted))?.Record
            ?? throw EventsErrors.Validation($"Parameter EventSourceArn is not valid. Reason: Archive {archiveName} does not exist.");
        if (archive.BusName != bus)
        {
            throw EventsErrors.Validation("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.");
        }
        if (end <= start)
        {
            throw EventsErrors.Validation("Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.");
        }
        var filters = await FilterArnsAsync(destination["FilterArns"], bus, request.Aborted);
        var now = Now();
        var record = new ReplayRecord
        {
            Name = name, Description = request.String("Description"), EventSourceArn = sourceArn, ArchiveName = archive.Name,
            EventsCollection = archive.EventsCollection, DestinationArn = destinationArn, BusName = bus, FilterArns = filters,
            EventStartTime = start, EventEndTime = end, State = ReplayStates.Starting, ReplayStartTime = now,
        };
        var (_, created) = await archives.ChangeReplayAsync(name, existing => existing is null
            ? DocumentChange.Put(record, true)
            : DocumentChange.Keep<ReplayRecord, bool>(false), request.Aborted);
        if (!created)
        {
            throw EventsErrors.Error("ResourceAlreadyExistsException", $"Replay {name} already exists.");
        }
        archives.Queue(name);
        return new JsonObject { ["ReplayArn"] = ReplayArn(name), ["State"] = ReplayStates.Starting, ["ReplayStartTime"] = now };
    }

    /// <summary>FilterArns: rules of the destination bus that exist.</summary>
    private async Task<List<string>> FilterArnsAsync(JsonNode? node, string bus, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            return [];
        }
        var filters = new List<string>();
        foreach (var item in node as JsonArray ?? throw EventsRequest.Serialization())
        {
            var arn = Text(item) ?? throw EventsRequest.Serialization();
            if (EventArns.Parse(account, arn) is not (var ruleBus, { } rule) || ruleBus != bus)
            {
                throw EventsErrors.Validation("Parameter Destination.FilterArns is not valid. Reason: Rule must be on the destination event bus.");
            }
            if (await catalog.FindRuleAsync(bus, rule, cancellationToken) is null)
            {
                throw EventsErrors.RuleNotFound(rule, bus);
            }
            filters.Add(arn);
        }
        return filters;
    }

    private async Task<JsonObject> DescribeReplayAsync(EventsRequest request)
    {
        var replay = await ReplayAsync(request);
        var result = ReplayJson(replay);
        result["ReplayArn"] = ReplayArn(replay.Name);
        if (replay.Description is not null)
        {
            result["Description"] = replay.Description;
        }
        var destination = new JsonObject { ["Arn"] = replay.DestinationArn };
        if (replay.FilterArns.Count > 0)
        {
            destination["FilterArns"] = new JsonArray([.. replay.FilterArns.Select(a => JsonValue.Create(a))]);
        }
        result["Destination"] = destination;
        return result;
    }

    private Task<JsonObject> ListReplaysAsync(EventsRequest request)
    {
        var prefix = request.String("NamePrefix");
        var source = request.String("EventSourceArn");
        var state = request.String("State");
        if ((prefix is null ? 0 : 1) + (source is null ? 0 : 1) + (state is null ? 0 : 1) > 1)
        {
            throw EventsErrors.Validation("At most one filter is allowed for ListReplays. Use either : State, EventSourceArn, or NamePrefix.");
        }
        if (state is not null && !ReplayStates.All.Contains(state))
        {
            throw EventsErrors.Constraint(state, "state", $"Member must satisfy enum value set: [{string.Join(", ", ReplayStates.All)}]");
        }
        var matching = archives.Replays
            .Where(r => (prefix is null || r.Name.StartsWith(prefix, StringComparison.Ordinal)) && (source is null || r.EventSourceArn == source)
                && (state is null || r.State == state))
            .ToList();
        var (page, next) = request.Paged(matching);
        var result = new JsonObject { ["Replays"] = new JsonArray([.. page.Select(ReplayJson)]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return Task.FromResult(result);
    }

    private async Task<JsonObject> CancelReplayAsync(EventsRequest request)
    {
        var name = (await ReplayAsync(request)).Name;
        var (_, cancelling) = await archives.ChangeReplayAsync(name, existing => existing?.State is ReplayStates.Starting or ReplayStates.Running
            ? DocumentChange.Put(existing with { State = ReplayStates.Cancelling }, true)
            : DocumentChange.Keep<ReplayRecord, bool>(false), request.Aborted);
        if (!cancelling)
        {
            throw EventsErrors.Error("IllegalStatusException", $"Replay {name} is not in a valid state for this operation.");
        }
        return new JsonObject { ["ReplayArn"] = ReplayArn(name), ["State"] = ReplayStates.Cancelling };
    }

    private async Task<ReplayRecord> ReplayAsync(EventsRequest request)
    {
        var name = request.Name("ReplayName", "replayName", EventsRequest.RuleName, EventsRequest.RuleNamePattern, 64);
        return await archives.FindReplayAsync(name, request.Aborted)
            ?? throw EventsErrors.Error("ResourceNotFoundException", $"Replay {name} does not exist.");
    }

    private static JsonObject ReplayJson(ReplayRecord replay)
    {
        var result = new JsonObject
        {
            ["ReplayName"] = replay.Name,
            ["EventSourceArn"] = replay.EventSourceArn,
            ["State"] = replay.State,
            ["EventStartTime"] = replay.EventStartTime,
            ["EventEndTime"] = replay.EventEndTime,
            ["ReplayStartTime"] = replay.ReplayStartTime,
        };
        if (replay.StateReason is not null)
        {
            result["StateReason"] = replay.StateReason;
        }
        if (replay.EventLastReplayedTime is { } last)
        {
            result["EventLastReplayedTime"] = last;
        }
        if (replay.ReplayEndTime is { } ended)
        {
            result["ReplayEndTime"] = ended;
        }
        return result;
    }

    private string ReplayArn(string name) => account.Arn("events", $"replay/{name}").ToString();

    /// <summary>A timestamp as JSON 1.1 carries it: epoch seconds (an ISO 8601 string is taken too).</summary>
    private static double? Timestamp(JsonNode? node) => node?.GetValueKind() switch
    {
        null => null,
        JsonValueKind.Number when node.AsValue().TryGetValue<double>(out var seconds) => seconds,
        JsonValueKind.String when DateTimeOffset.TryParse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) => parsed.ToUnixTimeMilliseconds() / 1000.0,
        _ => throw EventsRequest.Serialization(),
    };
}
