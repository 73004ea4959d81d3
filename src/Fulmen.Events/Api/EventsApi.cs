using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Events.Archives;
using Fulmen.Events.Delivery;
using Fulmen.Events.Model;
using Fulmen.Protocols;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Events.Api;

/// <summary>
/// EventBridge on the edge port: AWS JSON 1.1, <c>X-Amz-Target: AWSEvents.&lt;Operation&gt;</c>, signed for
/// <c>events</c>. Buses and rules (with their targets) are documents in <see cref="EventCatalog"/>; PutEvents
/// matches each event against the bus's enabled rules and hands it to <see cref="EventDelivery"/>.
/// </summary>
public sealed partial class EventsApi(
    EventCatalog catalog, EventDelivery delivery, ArchiveCatalog archives, ArchivedEvents archived, ArchiveMaintenance maintenance, AwsAccount account,
    TimeProvider time) : IAwsServiceHandler
{
    private static readonly string[] Operations =
    [
        "CreateEventBus", "DescribeEventBus", "ListEventBuses", "DeleteEventBus",
        "PutRule", "DescribeRule", "ListRules", "DeleteRule", "EnableRule", "DisableRule",
        "PutTargets", "RemoveTargets", "ListTargetsByRule", "ListRuleNamesByTarget",
        "TestEventPattern", "PutEvents", "TagResource", "UntagResource", "ListTagsForResource",
        "CreateArchive", "DescribeArchive", "ListArchives", "UpdateArchive", "DeleteArchive",
        "StartReplay", "DescribeReplay", "ListReplays", "CancelReplay",
    ];

    public static readonly AwsService Descriptor = new("events", "events", AwsProtocol.Json11)
    {
        BadRequestErrorCode = "SerializationException",
        TargetPrefixes = ["AWSEvents"],
        TargetOperations = Operations,
    };

    public AwsService Service => Descriptor;

    private delegate Task<JsonObject> Operation(EventsRequest request);

    private Operation? Find(string operation) => operation switch
    {
        "CreateEventBus" => CreateEventBusAsync,
        "DescribeEventBus" => DescribeEventBusAsync,
        "ListEventBuses" => ListEventBusesAsync,
        "DeleteEventBus" => DeleteEventBusAsync,
        "PutRule" => PutRuleAsync,
        "DescribeRule" => DescribeRuleAsync,
        "ListRules" => ListRulesAsync,
        "DeleteRule" => DeleteRuleAsync,
        "EnableRule" => request => SetStateAsync(request, "ENABLED"),
        "DisableRule" => request => SetStateAsync(request, "DISABLED"),
        "PutTargets" => PutTargetsAsync,
        "RemoveTargets" => RemoveTargetsAsync,
        "ListTargetsByRule" => ListTargetsByRuleAsync,
        "ListRuleNamesByTarget" => ListRuleNamesByTargetAsync,
        "TestEventPattern" => TestEventPatternAsync,
        "PutEvents" => PutEventsAsync,
        "TagResource" => TagResourceAsync,
        "UntagResource" => UntagResourceAsync,
        "ListTagsForResource" => ListTagsForResourceAsync,
        "CreateArchive" => CreateArchiveAsync,
        "DescribeArchive" => DescribeArchiveAsync,
        "ListArchives" => ListArchivesAsync,
        "UpdateArchive" => UpdateArchiveAsync,
        "DeleteArchive" => DeleteArchiveAsync,
        "StartReplay" => StartReplayAsync,
        "DescribeReplay" => DescribeReplayAsync,
        "ListReplays" => ListReplaysAsync,
        "CancelReplay" => CancelReplayAsync,
        _ => null,
    };

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var operationName = EdgeTarget.Of(context)?.Operation ?? "";
        // AWS's JSON services answer an unknown target with UnknownOperationException and no message of substance.
        var operation = Find(operationName) ?? throw EventsErrors.Error("UnknownOperationException", "");
        JsonObject body;
        try
        {
            body = await JsonBody.ReadObjectAsync(context.Request);
        }
        catch (JsonException)
        {
            throw EventsErrors.Error("SerializationException", "The request body is not a valid JSON object.");
        }
        await JsonBody.WriteResultAsync(context.Response, await operation(new EventsRequest(body, context.RequestAborted)), "application/x-amz-json-1.1");
        return true;
    }

    private double Now() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>The bus an <c>EventBusName</c> member names (default when absent), or ResourceNotFoundException.</summary>
    private async Task<EventBusRecord> BusAsync(EventsRequest request, string member = "EventBusName")
    {
        var name = EventArns.BusName(request.String(member) ?? EventCatalog.DefaultBus);
        return await catalog.FindBusAsync(name, request.Aborted) ?? throw EventsErrors.BusNotFound(name);
    }
}
