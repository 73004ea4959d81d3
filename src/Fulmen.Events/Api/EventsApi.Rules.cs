using System.Text.Json.Nodes;
using Fulmen.Events.Model;
using Fulmen.Patterns;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Api;

public sealed partial class EventsApi
{
    private static readonly string[] States = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

    private async Task<JsonObject> PutRuleAsync(EventsRequest request)
    {
        var name = request.Name("Name", "name", EventsRequest.RuleName, EventsRequest.RuleNamePattern);
        var bus = await BusAsync(request);
        var pattern = request.String("EventPattern");
        var schedule = request.String("ScheduleExpression");
        var state = request.String("State");
        if (state is not null && !States.Contains(state))
        {
            throw EventsErrors.Constraint(state, "state", $"Member must satisfy enum value set: [{string.Join(", ", States)}]");
        }
        if (pattern is null && schedule is null)
        {
            throw EventsErrors.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (pattern is not null)
        {
            try
            {
                EventPattern.Parse(pattern, PatternDialect.EventBridge);
            }
            catch (InvalidPatternException e)
            {
                throw EventsErrors.InvalidEventPattern(e.Message);
            }
        }
        if (schedule is not null)
        {
            if (bus.Name != EventCatalog.DefaultBus)
            {
                throw EventsErrors.Validation("ScheduleExpression is supported only on the default event bus.");
            }
            if (!schedule.StartsWith("rate(", StringComparison.Ordinal) && !schedule.StartsWith("cron(", StringComparison.Ordinal) || !schedule.EndsWith(')'))
            {
                throw EventsErrors.Validation("Parameter ScheduleExpression is not valid.");
            }
        }
        var description = request.String("Description");
        var role = request.String("RoleArn");
        var tags = ReadTags(request.Array("Tags"));
        await catalog.ChangeRuleAsync(bus.Name, name, existing => DocumentChange.Put(new RuleRecord
        {
            Name = name,
            EventBusName = bus.Name,
            EventPattern = pattern,
            ScheduleExpression = schedule,
            ScheduleSince = schedule is null ? null
                : existing is { ScheduleSince: { } since, IsEnabled: true } && existing.ScheduleExpression == schedule && (state ?? "ENABLED") != "DISABLED" ? since : ScheduleNow(),
            // PutRule replaces the rule's settings; an omitted State means ENABLED again, as on AWS. Targets and tags stay.
            State = state ?? "ENABLED",
            Description = description,
            RoleArn = role,
            Tags = existing is null ? tags : new Dictionary<string, string>(existing.Tags.Concat(tags).GroupBy(t => t.Key).Select(g => g.Last()), StringComparer.Ordinal),
            Targets = existing?.Targets ?? [],
        }, true), request.Aborted);
        return new JsonObject { ["RuleArn"] = EventArns.Rule(account, bus.Name, name) };
    }

    private async Task<JsonObject> DescribeRuleAsync(EventsRequest request)
    {
        var rule = await RuleAsync(request, "Name", "name");
        var json = RuleJson(rule.Record);
        json["CreatedBy"] = account.AccountId;
        return json;
    }

    private async Task<JsonObject> ListRulesAsync(EventsRequest request)
    {
        var bus = await BusAsync(request);
        var prefix = request.String("NamePrefix") ?? "";
        var (page, next) = request.Paged([.. catalog.Rules(bus.Name).Where(r => r.Record.Name.StartsWith(prefix, StringComparison.Ordinal))]);
        var result = new JsonObject { ["Rules"] = new JsonArray([.. page.Select(r => RuleJson(r.Record))]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    private async Task<JsonObject> DeleteRuleAsync(EventsRequest request)
    {
        var name = request.Required("Name", "name");
        var bus = await BusAsync(request);
        var (_, outcome) = await catalog.ChangeRuleAsync(bus.Name, name, static existing => existing switch
        {
            null => DocumentChange.Keep<RuleRecord, bool>(true),
            { Targets.Count: > 0 } => DocumentChange.Keep<RuleRecord, bool>(false),
            _ => DocumentChange.Delete<RuleRecord, bool>(true),
        }, request.Aborted);
        return outcome ? [] : throw EventsErrors.Validation("Rule can't be deleted since it has targets.");
    }

    private async Task<JsonObject> SetStateAsync(EventsRequest request, string state)
    {
        var name = request.Required("Name", "name");
        var bus = await BusAsync(request);
        var (_, found) = await catalog.ChangeRuleAsync(bus.Name, name, existing => existing is null
            ? DocumentChange.Keep<RuleRecord, bool>(false)
            : DocumentChange.Put(existing with
            {
                State = state,
                // Enabling a disabled scheduled rule starts its schedule again from now.
                ScheduleSince = existing.ScheduleExpression is not null && !existing.IsEnabled && state != "DISABLED" ? ScheduleNow() : existing.ScheduleSince,
            }, true), request.Aborted);
        return found ? [] : throw EventsErrors.RuleNotFound(name, bus.Name);
    }

    private Task<JsonObject> TestEventPatternAsync(EventsRequest request)
    {
        var pattern = request.Required("EventPattern", "eventPattern");
        var text = request.Required("Event", "event");
        EventPattern compiled;
        try
        {
            compiled = EventPattern.Parse(pattern, PatternDialect.EventBridge);
        }
        catch (InvalidPatternException e)
        {
            throw EventsErrors.InvalidEventPattern(e.Message);
        }
        JsonObject? @event;
        try
        {
            @event = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            @event = null;
        }
        // EventBridge checks that the event carries the envelope's fields before matching.
        string[] required = ["id", "account", "source", "time", "region", "detail-type"];
        if (@event is null || required.Any(f => @event[f] is null))
        {
            throw EventsErrors.Validation("Parameter Event is not valid.");
        }
        var matches = compiled.Matches(System.Text.Encoding.UTF8.GetBytes(text));
        return Task.FromResult(new JsonObject { ["Result"] = matches });
    }

    /// <summary>The rule a request names (with EventBusName), or ResourceNotFoundException.</summary>
    private async Task<RuleEntry> RuleAsync(EventsRequest request, string nameMember, string member)
    {
        var name = request.Required(nameMember, member);
        var bus = await BusAsync(request);
        return await catalog.FindRuleAsync(bus.Name, name, request.Aborted) ?? throw EventsErrors.RuleNotFound(name, bus.Name);
    }

    private JsonObject RuleJson(RuleRecord rule)
    {
        var json = new JsonObject { ["Name"] = rule.Name, ["Arn"] = EventArns.Rule(account, rule.EventBusName, rule.Name) };
        if (rule.EventPattern is not null)
        {
            json["EventPattern"] = rule.EventPattern;
        }
        json["State"] = rule.State;
        if (rule.Description is not null)
        {
            json["Description"] = rule.Description;
        }
        if (rule.ScheduleExpression is not null)
        {
            json["ScheduleExpression"] = rule.ScheduleExpression;
        }
        if (rule.RoleArn is not null)
        {
            json["RoleArn"] = rule.RoleArn;
        }
        json["EventBusName"] = rule.EventBusName;
        return json;
    }
}
