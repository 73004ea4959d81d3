using System.Text;
using System.Text.Json;
using Fulmen.Events.Model;
using Fulmen.Functions.Invocation;
using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Microsoft.Extensions.Logging;

namespace Fulmen.Events.Delivery;

/// <summary>
/// Hands a matched event to each target of each enabled rule whose pattern it matches: a function through the durable
/// asynchronous queue (as <c>events.amazonaws.com</c> with the rule's ARN as source, so the function's policy must
/// allow it), a queue as one message. Returns once every hand-over is durable; a target that refuses (no permission,
/// no such function or queue) is counted and logged, as EventBridge counts a FailedInvocation, and the others go on.
/// </summary>
public sealed partial class EventDelivery(
    EventCatalog catalog, Invoker invoker, QueueCatalog queues, QueueMessages messages, AwsAccount account, DeliveryCounters counters,
    ILogger<EventDelivery> logger)
{
    public const string Principal = "events.amazonaws.com";

    /// <summary>Delivers one event put on <paramref name="bus"/>; <paramref name="envelopeJson"/> is its envelope.</summary>
    public async Task DeliverAsync(string bus, string envelopeJson, DateTimeOffset ingestion, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(envelopeJson);
        var envelope = document.RootElement;
        foreach (var rule in catalog.Rules(bus))
        {
            if (!rule.Record.IsEnabled || rule.Pattern is null || rule.Targets.Count == 0 || !rule.Pattern.Matches(envelope))
            {
                continue;
            }
            counters.Matched();
            var ruleArn = EventArns.Rule(account, bus, rule.Record.Name);
            foreach (var target in rule.Targets)
            {
                var payload = target.Render(envelope, envelopeJson, ruleArn, rule.Record.Name, ingestion);
                var failure = await DeliverToAsync(target, payload, ruleArn, envelope, cancellationToken);
                if (failure is null)
                {
                    counters.Invoked();
                }
                else
                {
                    counters.Failed();
                    LogFailed(rule.Record.Name, target.Id, target.Arn, failure);
                }
            }
        }
    }

    /// <summary>
    /// Delivers one event to the targets of one given rule, whatever its pattern: a scheduled rule's tick. Returns once
    /// every hand-over is durable; a target that refuses is counted and logged as in <see cref="DeliverAsync"/>.
    /// </summary>
    public async Task DeliverToRuleAsync(RuleEntry rule, string envelopeJson, DateTimeOffset ingestion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var document = JsonDocument.Parse(envelopeJson);
        var envelope = document.RootElement;
        counters.Matched();
        var ruleArn = EventArns.Rule(account, rule.Record.EventBusName, rule.Record.Name);
        foreach (var target in rule.Targets)
        {
            var payload = target.Render(envelope, envelopeJson, ruleArn, rule.Record.Name, ingestion);
            var failure = await DeliverToAsync(target, payload, ruleArn, envelope, cancellationToken);
            if (failure is null)
            {
                counters.Invoked();
            }
            else
            {
                counters.Failed();
                LogFailed(rule.Record.Name, target.Id, target.Arn, failure);
            }
        }
    }

    /// <summary>Null once the target has the event durably; otherwise why it was dropped.</summary>
    private async Task<string?> DeliverToAsync(DeliveryTarget target, string payload, string ruleArn, JsonElement envelope, CancellationToken cancellationToken)
    {
        if (!Arn.TryParse(target.Arn, out var arn))
        {
            return "the target's ARN is not valid";
        }
        if (arn.Service == "lambda")
        {
            var request = new InvokeRequest(target.Arn, Encoding.UTF8.GetBytes(payload))
            {
                Caller = new InvocationCaller(Principal, InvocationCaller.InvokeFunction) { SourceArn = ruleArn, SourceAccount = account.AccountId },
            };
            var (_, error) = await invoker.EnqueueAsync(request, cancellationToken);
            return error is null ? null : $"{error.Type}: {error.Message}";
        }
        if (arn.Service == "sqs")
        {
            if (arn.Region != account.Region || arn.Account != account.AccountId || queues.Find(arn.Resource) is not { } queue)
            {
                return "the queue does not exist";
            }
            if (queue.Name.EndsWith(".fifo", StringComparison.Ordinal))
            {
                if (target.MessageGroupId is null)
                {
                    return "a FIFO queue target needs SqsParameters.MessageGroupId";
                }
                // EventBridge deduplicates FIFO sends by the event's id.
                var id = envelope.GetProperty("id").GetString()!;
                await messages.SendAsync(queue, payload, attributes: null, account.AccountId, delaySeconds: 0, target.MessageGroupId, id);
                return null;
            }
            await messages.SendAsync(queue, payload, attributes: null, account.AccountId, delaySeconds: 0);
            return null;
        }
        return $"targets of service '{arn.Service}' are not supported yet";
    }

    [LoggerMessage(LogLevel.Warning, "Rule {Rule}: event not delivered to target {TargetId} ({TargetArn}): {Reason}")]
    private partial void LogFailed(string rule, string targetId, string targetArn, string reason);
}

/// <summary>What EventBridge reports as MatchedEvents, Invocations and FailedInvocations, for this process.</summary>
public sealed class DeliveryCounters
{
    private long _matched;
    private long _invocations;
    private long _failed;

    public long MatchedEvents => Interlocked.Read(ref _matched);

    public long Invocations => Interlocked.Read(ref _invocations);

    public long FailedInvocations => Interlocked.Read(ref _failed);

    public void Matched() => Interlocked.Increment(ref _matched);

    public void Invoked() => Interlocked.Increment(ref _invocations);

    public void Failed() => Interlocked.Increment(ref _failed);
}
