using System.Globalization;
using System.Text.Json.Nodes;
using Fulmen.Events.Delivery.Sending;
using Fulmen.Events.Model;
using Fulmen.Protocols.Arns;

namespace Fulmen.Events.Delivery;

/// <summary>
/// What <c>GET /_fulmen/events</c> answers for <c>fulmen events</c>: each bus with its rules, their targets and counts
/// since the server started, the sends waiting for a retry, and the last deliveries (time, source, target, result).
/// </summary>
public sealed class EventsOverview(EventCatalog catalog, DeliveryCounters counters, RetryQueue retries, AwsAccount account)
{
    public async Task<JsonObject> BuildAsync(CancellationToken cancellationToken)
    {
        var counts = counters.Snapshot().ToDictionary(s => s.Source, s => s.Counts, StringComparer.Ordinal);
        var buses = new JsonArray();
        foreach (var bus in catalog.Buses)
        {
            var rules = new JsonArray();
            foreach (var rule in catalog.Rules(bus.Name))
            {
                var arn = EventArns.Rule(account, bus.Name, rule.Record.Name);
                var count = counts.GetValueOrDefault(arn);
                rules.Add(new JsonObject
                {
                    ["Name"] = rule.Record.Name,
                    ["Arn"] = arn,
                    ["State"] = rule.Record.State,
                    ["EventPattern"] = rule.Record.EventPattern,
                    ["ScheduleExpression"] = rule.Record.ScheduleExpression,
                    ["Targets"] = new JsonArray([.. rule.Record.Targets.Select(t => new JsonObject { ["Id"] = t.Id, ["Arn"] = t.Arn })]),
                    ["Matched"] = count?.Matched ?? 0,
                    ["Delivered"] = count?.Delivered ?? 0,
                    ["Failed"] = count?.Failed ?? 0,
                    ["Retried"] = count?.Retried ?? 0,
                    ["SentToDeadLetter"] = count?.SentToDeadLetter ?? 0,
                    ["Dropped"] = count?.Dropped ?? 0,
                });
            }
            buses.Add(new JsonObject { ["Name"] = bus.Name, ["Arn"] = EventArns.Bus(account, bus.Name), ["Rules"] = rules });
        }
        var waiting = (await retries.CountAsync(cancellationToken)).Total;
        return new JsonObject
        {
            ["Buses"] = buses,
            ["RetryQueue"] = new JsonObject { ["Waiting"] = waiting },
            ["RecentDeliveries"] = new JsonArray([.. counters.Recent().Select(d => new JsonObject
            {
                ["Time"] = d.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["Source"] = d.Source,
                ["Target"] = d.Target,
                ["Result"] = d.Result,
            })]),
        };
    }
}
