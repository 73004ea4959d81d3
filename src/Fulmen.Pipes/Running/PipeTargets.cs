using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Events.Delivery;
using Fulmen.Events.Model;
using Fulmen.Functions.Api;
using Fulmen.Functions.Invocation;
using Fulmen.Pipes.Model;
using Fulmen.Protocols.Arns;
using Fulmen.Queues.Model;
using Fulmen.Queues.Messages;

namespace Fulmen.Pipes.Running;

/// <summary>
/// Sends a pipe's events to its target: a Lambda function with the batch as one JSON array (synchronously for
/// REQUEST_RESPONSE, through the durable asynchronous queue for FIRE_AND_FORGET), an SQS queue as one message per
/// event, an event bus as one event per record put through the bus's rules. A pipe acts with its role, so no
/// resource-based policy is consulted. The answer is judged as a function's: an error keeps the batch in the source.
/// </summary>
public sealed class PipeTargets(Invoker invoker, QueueCatalog queues, QueueMessages messages, EventCatalog buses, EventDelivery delivery, AwsAccount account, TimeProvider time)
{
    /// <summary>AWS's detail-type of an event a pipe with an SQS source puts on a bus when none is configured.</summary>
    public const string DefaultDetailType = "Event from aws:sqs";

    public Invoker Invoker => invoker;

    public async Task<InvokeResult> SendAsync(PipeRecord pipe, PipeSettings settings, IReadOnlyList<JsonNode?> events, CancellationToken cancellationToken)
    {
        if (!Arn.TryParse(pipe.Target, out var arn))
        {
            return Failed("the target's ARN is not valid");
        }
        switch (arn.Service)
        {
            case "lambda":
                var request = new InvokeRequest(pipe.Target, Encoding.UTF8.GetBytes(new JsonArray([.. events.Select(e => e?.DeepClone())]).ToJsonString()));
                if (settings.InvocationType == "FIRE_AND_FORGET")
                {
                    var (requestId, error) = await invoker.EnqueueAsync(request, cancellationToken);
                    return error is null ? Succeeded(requestId) : InvokeResult.Failed(requestId, error);
                }
                return await invoker.InvokeAsync(request, cancellationToken);
            case "sqs":
                return await SendToQueueAsync(arn, settings, events);
            case "events":
                return await PutOnBusAsync(pipe, arn, settings, events, cancellationToken);
            default:
                return Failed($"targets of service '{arn.Service}' are not supported");
        }
    }

    private async Task<InvokeResult> SendToQueueAsync(Arn arn, PipeSettings settings, IReadOnlyList<JsonNode?> events)
    {
        if (arn.Region != account.Region || arn.Account != account.AccountId || queues.Find(arn.Resource) is not { } queue)
        {
            return Failed($"the target queue {arn.Resource} does not exist");
        }
        var fifo = queue.Name.EndsWith(".fifo", StringComparison.Ordinal);
        foreach (var item in events)
        {
            var body = Body(item);
            if (!fifo)
            {
                await messages.SendAsync(queue, body, attributes: null, account.AccountId, delaySeconds: 0);
                continue;
            }
            var group = Dynamic(settings.MessageGroupId, item);
            if (string.IsNullOrEmpty(group))
            {
                return Failed("a FIFO queue target needs SqsQueueParameters.MessageGroupId");
            }
            var deduplication = Dynamic(settings.MessageDeduplicationId, item) is { Length: > 0 } given
                ? given
                : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            await messages.SendAsync(queue, body, attributes: null, account.AccountId, delaySeconds: 0, group, deduplication);
        }
        return Succeeded(Guid.NewGuid().ToString());
    }

    private async Task<InvokeResult> PutOnBusAsync(PipeRecord pipe, Arn arn, PipeSettings settings, IReadOnlyList<JsonNode?> events, CancellationToken cancellationToken)
    {
        var bus = arn.Resource["event-bus/".Length..];
        if (arn.Region != account.Region || arn.Account != account.AccountId || await buses.FindBusAsync(bus, cancellationToken) is null)
        {
            return Failed($"the target event bus {bus} does not exist");
        }
        foreach (var item in events)
        {
            var ingestion = time.GetUtcNow();
            var when = Dynamic(settings.TimePath, item) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : ingestion;
            var resources = settings.Resources.Select(r => Dynamic(r, item)).OfType<string>();
            var envelope = EventEnvelope.Build(account, Guid.NewGuid().ToString(),
                Dynamic(settings.EventSource, item) ?? $"Pipe {pipe.Name}",
                Dynamic(settings.DetailType, item) ?? DefaultDetailType,
                item?.DeepClone(), resources, when);
            await delivery.DeliverAsync(bus, envelope, ingestion, cancellationToken);
        }
        return Succeeded(Guid.NewGuid().ToString());
    }

    /// <summary>A message body: a string event as its text, anything else as JSON.</summary>
    private static string Body(JsonNode? item) =>
        item is JsonValue value && value.TryGetValue<string>(out var text) ? text : item?.ToJsonString() ?? "null";

    /// <summary>A target parameter: as given, or, when it is a JSON path (<c>$.…</c>), the event's value there.</summary>
    private static string? Dynamic(string? parameter, JsonNode? item)
    {
        if (parameter is null || !parameter.StartsWith("$.", StringComparison.Ordinal) || !JsonPathSelector.TryParse(parameter, out var path))
        {
            return parameter;
        }
        var root = JsonSerializer.SerializeToElement(PipeTemplate.WithParsedBody(item?.ToJsonString() ?? "null"), PipeRunJsonContext.Default.JsonNode);
        var selected = path.Select(root, out var found);
        return !found || selected is null ? null : selected is JsonValue v && v.TryGetValue<string>(out var s) ? s : selected.ToJsonString();
    }

    public static InvokeResult Succeeded(string requestId) => new(requestId,
        new Execution.Environments.InvocationOutcome { IsFunctionError = false, Payload = ReadOnlyMemory<byte>.Empty, ExecutedVersion = "$LATEST" }, null);

    /// <summary>A target that could not take the events: the batch stays in the source and comes back.</summary>
    public static InvokeResult Failed(string reason) => InvokeResult.Failed(Guid.NewGuid().ToString(), new LambdaError(502, "PipeTargetFailure", reason));
}
