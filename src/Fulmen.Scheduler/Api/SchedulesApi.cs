using System.Text.Json.Nodes;
using Fulmen.Protocols.Arns;
using Fulmen.Scheduler.Model;
using Fulmen.Schedules.Firing;
using Fulmen.Storage.Documents;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Scheduler.Api;

/// <summary>CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules.</summary>
internal static class SchedulesApi
{
    public static async Task CreateAsync(HttpContext context, string name, ScheduleCatalog catalog, AwsAccount account, ScheduleClock clock)
    {
        CheckName(name);
        var body = await SchedulerRequest.ReadAsync(context.Request);
        var group = GroupName(body.Text("GroupName", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern));
        var record = ScheduleDefinition.Read(body, name, group, clock.Time.GetUtcNow());
        _ = await catalog.FindGroupAsync(group, context.RequestAborted) ?? throw SchedulerErrors.GroupNotFound(group);
        var (_, created) = await catalog.ChangeScheduleAsync(group, name, existing => existing switch
        {
            null => DocumentChange.Put(record, true),
            // A retry of the same request (same ClientToken) answers as the first did.
            _ when record.ClientToken is not null && existing.ClientToken == record.ClientToken => DocumentChange.Keep<ScheduleRecord, bool>(true),
            _ => DocumentChange.Keep<ScheduleRecord, bool>(false),
        }, context.RequestAborted);
        if (!created)
        {
            throw SchedulerErrors.ScheduleExists(name);
        }
        await SchedulerResponse.WriteAsync(context, new JsonObject { ["ScheduleArn"] = SchedulerArns.Schedule(account, group, name) });
    }

    public static async Task UpdateAsync(HttpContext context, string name, ScheduleCatalog catalog, AwsAccount account, ScheduleClock clock)
    {
        CheckName(name);
        var body = await SchedulerRequest.ReadAsync(context.Request);
        var group = GroupName(body.Text("GroupName", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern));
        var record = ScheduleDefinition.Read(body, name, group, clock.Time.GetUtcNow());
        var (updated, _) = await catalog.ChangeScheduleAsync(group, name, existing => existing is null
            ? DocumentChange.Keep<ScheduleRecord, bool>(false)
            : DocumentChange.Put(record with { CreationDate = existing.CreationDate, Revision = existing.Revision + 1 }, true), context.RequestAborted);
        if (updated is null)
        {
            throw SchedulerErrors.ScheduleNotFound(name);
        }
        await SchedulerResponse.WriteAsync(context, new JsonObject { ["ScheduleArn"] = SchedulerArns.Schedule(account, group, name) });
    }

    public static async Task GetAsync(HttpContext context, string name, ScheduleCatalog catalog, AwsAccount account)
    {
        CheckName(name);
        var group = QueryGroup(context, "groupName");
        var schedule = await catalog.FindScheduleAsync(group, name, context.RequestAborted) ?? throw SchedulerErrors.ScheduleNotFound(name);
        await SchedulerResponse.WriteAsync(context, Describe(schedule.Record, account));
    }

    public static async Task DeleteAsync(HttpContext context, string name, ScheduleCatalog catalog)
    {
        CheckName(name);
        var group = QueryGroup(context, "groupName");
        CheckClientToken(context);
        var (_, deleted) = await catalog.ChangeScheduleAsync(group, name, existing => existing is null
            ? DocumentChange.Keep<ScheduleRecord, bool>(false)
            : DocumentChange.Delete<ScheduleRecord, bool>(true), context.RequestAborted);
        if (!deleted)
        {
            throw SchedulerErrors.ScheduleNotFound(name);
        }
        await SchedulerResponse.WriteAsync(context, []);
    }

    public static async Task ListAsync(HttpContext context, ScheduleCatalog catalog, AwsAccount account)
    {
        var group = SchedulerResponse.Query(context, "ScheduleGroup");
        if (group is not null)
        {
            SchedulerRequest.Check(group, "groupName", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern);
            _ = await catalog.FindGroupAsync(group, context.RequestAborted) ?? throw SchedulerErrors.GroupNotFound(group);
        }
        var prefix = SchedulerResponse.Query(context, "NamePrefix");
        if (prefix is not null)
        {
            SchedulerRequest.Check(prefix, "namePrefix", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern);
        }
        var state = SchedulerRequest.EnumValue(SchedulerResponse.Query(context, "State"), "state", ["ENABLED", "DISABLED"]);
        var matching = catalog.Schedules.Select(s => s.Record).Where(r =>
            (group is null || r.GroupName == group)
            && (prefix is null || r.Name.StartsWith(prefix, StringComparison.Ordinal))
            && (state is null || r.State == state));
        var (page, next) = SchedulerResponse.Paged(context, matching, r => r.Key);
        var result = new JsonObject
        {
            ["Schedules"] = new JsonArray([.. page.Select(r => (JsonNode)new JsonObject
            {
                ["Arn"] = SchedulerArns.Schedule(account, r.GroupName, r.Name),
                ["CreationDate"] = SchedulerResponse.Date(r.CreationDate),
                ["GroupName"] = r.GroupName,
                ["LastModificationDate"] = SchedulerResponse.Date(r.LastModificationDate),
                ["Name"] = r.Name,
                ["State"] = r.State,
                ["Target"] = new JsonObject { ["Arn"] = JsonNode.Parse(r.TargetJson)!["Arn"]?.DeepClone() },
            })]),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        await SchedulerResponse.WriteAsync(context, result);
    }

    /// <summary>GetSchedule's answer.</summary>
    public static JsonObject Describe(ScheduleRecord r, AwsAccount account)
    {
        var window = new JsonObject { ["Mode"] = r.FlexibleTimeWindowMode };
        if (r.MaximumWindowInMinutes is { } minutes)
        {
            window["MaximumWindowInMinutes"] = minutes;
        }
        var result = new JsonObject
        {
            ["ActionAfterCompletion"] = r.ActionAfterCompletion,
            ["Arn"] = SchedulerArns.Schedule(account, r.GroupName, r.Name),
            ["CreationDate"] = SchedulerResponse.Date(r.CreationDate),
            ["Description"] = r.Description,
            ["EndDate"] = r.EndDate is { } end ? SchedulerResponse.Date(end) : null,
            ["FlexibleTimeWindow"] = window,
            ["GroupName"] = r.GroupName,
            ["KmsKeyArn"] = r.KmsKeyArn,
            ["LastModificationDate"] = SchedulerResponse.Date(r.LastModificationDate),
            ["Name"] = r.Name,
            ["ScheduleExpression"] = r.ScheduleExpression,
            ["ScheduleExpressionTimezone"] = r.ScheduleExpressionTimezone,
            ["StartDate"] = r.StartDate is { } start ? SchedulerResponse.Date(start) : null,
            ["State"] = r.State,
            ["Target"] = JsonNode.Parse(r.TargetJson),
        };
        foreach (var (key, value) in result.ToList())
        {
            if (value is null)
            {
                result.Remove(key);
            }
        }
        return result;
    }

    private static void CheckName(string name) => SchedulerRequest.Check(name, "name", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern);

    private static string GroupName(string? given) => given ?? ScheduleCatalog.DefaultGroup;

    private static string QueryGroup(HttpContext context, string member)
    {
        var group = SchedulerResponse.Query(context, member);
        if (group is not null)
        {
            SchedulerRequest.Check(group, "groupName", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern);
        }
        return GroupName(group);
    }

    public static void CheckClientToken(HttpContext context)
    {
        if (SchedulerResponse.Query(context, "clientToken") is { } token)
        {
            SchedulerRequest.Check(token, "clientToken", 1, 64, SchedulerRequest.ClientToken, SchedulerRequest.ClientTokenPattern);
        }
    }
}
