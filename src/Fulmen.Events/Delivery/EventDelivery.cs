using System.Text.Json;
using Fulmen.Events.Archives;
using Fulmen.Events.Model;
using Fulmen.Protocols.Arns;
using Microsoft.Extensions.Logging;

namespace Fulmen.Events.Delivery;

/// <summary>
/// Hands an event put on a bus to each target of each enabled rule whose pattern it matches, through the
/// <see cref="ITargetSender"/> with the target's RetryPolicy and DeadLetterConfig: a function as an asynchronous
/// invocation (as <c>events.amazonaws.com</c> with the rule's ARN as source, so the function's policy must allow it),
/// a queue as one message, another bus as the event itself. Returns once every send is durable — delivered, waiting
/// for a retry, or dead-lettered.
/// </summary>
public sealed partial class EventDelivery(
    EventCatalog catalog, ITargetSender sender, ArchiveCatalog archives, ArchivedEvents archived, AwsAccount account, DeliveryCounters counters,
    TimeProvider time, ILogger<EventDelivery> logger)
{
    public const string Principal = "events.amazonaws.com";

    /// <summary>Delivers one event put on <paramref name="bus"/>; <paramref name="envelopeJson"/> is its envelope.</summary>
    public Task DeliverAsync(string bus, string envelopeJson, DateTimeOffset ingestion, CancellationToken cancellationToken) =>
        DeliverAsync(bus, envelopeJson, ingestion, forwarded: false, cancellationToken);

    /// <summary>
    /// An event a target sends onto <paramref name="bus"/>: <paramref name="forwarded"/> when a rule of another bus sent
    /// it, and then this bus's rules do not send it on to a third bus, as on AWS.
    /// </summary>
    public Task DeliverFromTargetAsync(string bus, string envelopeJson, bool forwarded, CancellationToken cancellationToken) =>
        DeliverAsync(bus, envelopeJson, time.GetUtcNow(), forwarded, cancellationToken);

    private async Task DeliverAsync(string bus, string envelopeJson, DateTimeOffset ingestion, bool forwarded, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(envelopeJson);
        var envelope = document.RootElement;
        // Every event that enters the bus is archived by the archives whose pattern it matches, before it is delivered.
        foreach (var archive in archives.ArchivesOf(bus))
        {
            if (archive.Keeps(envelope))
            {
                await archived.AddAsync(archive.Record, envelope, envelopeJson, cancellationToken);
            }
        }
        // One pattern set per bus: matching costs what the event's values select, not one test per rule.
        foreach (var rule in catalog.RulesOf(bus).Matching(envelope))
        {
            await SendToTargetsAsync(rule, envelope, envelopeJson, ingestion, forwarded, cancellationToken);
        }
    }

    /// <summary>
    /// A replayed event (its envelope carries <c>replay-name</c>): to the rules of <paramref name="bus"/> it matches, only
    /// those in <paramref name="ruleArns"/> when given, and into no archive.
    /// </summary>
    public async Task ReplayAsync(string bus, string envelopeJson, IReadOnlySet<string>? ruleArns, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(envelopeJson);
        var envelope = document.RootElement;
        var ingestion = time.GetUtcNow();
        foreach (var rule in catalog.RulesOf(bus).Matching(envelope))
        {
            if (ruleArns is null || ruleArns.Contains(EventArns.Rule(account, rule.Record.EventBusName, rule.Record.Name)))
            {
                await SendToTargetsAsync(rule, envelope, envelopeJson, ingestion, forwarded: false, cancellationToken);
            }
        }
    }

    private async Task SendToTargetsAsync(
        RuleEntry rule, JsonElement envelope, string envelopeJson, DateTimeOffset ingestion, bool forwarded, CancellationToken cancellationToken)
    {
        var ruleArn = EventArns.Rule(account, rule.Record.EventBusName, rule.Record.Name);
        counters.Matched(ruleArn);
        var eventId = envelope.TryGetProperty("id", out var id) ? id.GetString() : null;
        var deadLetterAttributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["RULE_ARN"] = ruleArn };
        foreach (var target in rule.Targets)
        {
            if (forwarded && target.IsEventBus)
            {
                LogThirdBus(rule.Record.Name, target.Id);
                continue;
            }
            var payload = target.Render(envelope, envelopeJson, ruleArn, rule.Record.Name, ingestion);
            var send = new TargetSend(target.Arn, payload, Principal, ruleArn, CheckResourcePolicy: true, target.RetryPolicy,
                target.DeadLetterArn, target.MessageGroupId, deadLetterAttributes)
            {
                // EventBridge deduplicates FIFO queue sends by the event's id.
                MessageDeduplicationId = eventId,
            };
            await sender.SendAsync(send, cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Rule {Rule}: an event that came from another bus is not sent on to a third bus (target {TargetId})")]
    private partial void LogThirdBus(string rule, string targetId);
}
