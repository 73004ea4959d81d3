using System.Runtime.CompilerServices;
using Fulmen.Events.Delivery;
using Fulmen.Events.Model;
using Fulmen.Protocols.Arns;
using Fulmen.Schedules;
using Fulmen.Schedules.Firing;

namespace Fulmen.Events.Scheduling;

/// <summary>
/// EventBridge scheduled rules as schedules: every enabled rule on the default bus with a ScheduleExpression (cron in
/// UTC; a rate from <see cref="RuleRecord.ScheduleSince"/>). Each tick sends AWS's <c>Scheduled Event</c> to the
/// rule's targets only, through <see cref="EventDelivery.DeliverToRuleAsync"/>.
/// </summary>
public sealed class RuleScheduleOwner(EventCatalog catalog, EventDelivery delivery, AwsAccount account) : IScheduleOwner
{
    public const string OwnerName = "rule";

    // A rule's entry is parsed once per stored version of the rule (the catalog makes a new RuleEntry per change).
    private readonly ConditionalWeakTable<RuleEntry, ScheduleEntry?> _entries = [];

    public string Name => OwnerName;

    public IEnumerable<ScheduleEntry> Schedules()
    {
        foreach (var rule in catalog.ScheduledRules)
        {
            if (rule.Record.EventBusName == EventCatalog.DefaultBus && _entries.GetValue(rule, Entry) is { } entry)
            {
                yield return entry;
            }
        }
    }

    public async Task FireAsync(ScheduleEntry entry, ScheduleTick tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = entry.Id[(EventCatalog.DefaultBus.Length + 1)..];
        // Changed or disabled since the engine planned this tick: the change reaches the engine too, so send nothing.
        if (await catalog.FindRuleAsync(EventCatalog.DefaultBus, name, cancellationToken) is not { Record.IsEnabled: true } rule
            || _entries.GetValue(rule, Entry)?.Version != entry.Version)
        {
            return;
        }
        var ruleArn = EventArns.Rule(account, EventCatalog.DefaultBus, name);
        var envelope = ScheduledEvent.Envelope(account, ruleArn, entry.Version, tick.ScheduledTime);
        await delivery.DeliverToRuleAsync(rule, envelope, tick.ScheduledTime, cancellationToken);
    }

    /// <summary>The rule as a schedule; null for an expression a later parser refuses (it never fires, as PutRule would refuse it).</summary>
    private static ScheduleEntry? Entry(RuleEntry rule)
    {
        var record = rule.Record;
        if (!ScheduleExpression.TryParse(record.ScheduleExpression, ScheduleDialect.EventBridgeRule, out var expression, out _))
        {
            return null;
        }
        var since = record.ScheduleSince is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)) : DateTimeOffset.UnixEpoch;
        // A rule's rate fires first one period after PutRule (or EnableRule), not at that moment.
        var anchor = expression.Kind == ScheduleKind.Rate ? since + expression.Period : since;
        return new ScheduleEntry(EventCatalog.RuleKey(record.EventBusName, record.Name), expression, TimeZoneInfo.Utc, null, null, anchor,
            TimeSpan.Zero, $"{record.ScheduleExpression}@{since.ToUnixTimeMilliseconds()}");
    }
}
