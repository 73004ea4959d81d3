using System.Text.Json.Nodes;
using Fulmen.Protocols.Arns;
using Fulmen.Scheduler.Model;
using Fulmen.Schedules.Firing;
using Fulmen.Storage.Documents;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Scheduler.Api;

/// <summary>CreateScheduleGroup, GetScheduleGroup, ListScheduleGroups and DeleteScheduleGroup.</summary>
internal static class ScheduleGroupsApi
{
    public static async Task CreateAsync(HttpContext context, string name, ScheduleCatalog catalog, AwsAccount account, ScheduleClock clock)
    {
        CheckName(name);
        var body = await SchedulerRequest.ReadAsync(context.Request);
        body.Text("ClientToken", 1, 64, SchedulerRequest.ClientToken, SchedulerRequest.ClientTokenPattern);
        var tags = SchedulerTagsApi.ReadTags(body.Array("Tags"));
        var now = ScheduleCatalog.Seconds(clock.Time.GetUtcNow());
        var (_, created) = await catalog.ChangeGroupAsync(name, existing => existing is null
            ? DocumentChange.Put(new ScheduleGroupRecord { Name = name, CreationDate = now, LastModificationDate = now, Tags = tags }, true)
            : DocumentChange.Keep<ScheduleGroupRecord, bool>(false), context.RequestAborted);
        if (!created)
        {
            throw SchedulerErrors.GroupExists(name);
        }
        await SchedulerResponse.WriteAsync(context, new JsonObject { ["ScheduleGroupArn"] = SchedulerArns.Group(account, name) });
    }

    public static async Task GetAsync(HttpContext context, string name, ScheduleCatalog catalog, AwsAccount account)
    {
        CheckName(name);
        var group = await catalog.FindGroupAsync(name, context.RequestAborted) ?? throw SchedulerErrors.GroupNotFound(name);
        await SchedulerResponse.WriteAsync(context, Describe(group, account));
    }

    public static async Task ListAsync(HttpContext context, ScheduleCatalog catalog, AwsAccount account)
    {
        var prefix = SchedulerResponse.Query(context, "NamePrefix");
        if (prefix is not null)
        {
            SchedulerRequest.Check(prefix, "namePrefix", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern);
        }
        var matching = catalog.Groups.Where(g => prefix is null || g.Name.StartsWith(prefix, StringComparison.Ordinal));
        var (page, next) = SchedulerResponse.Paged(context, matching, g => g.Name);
        var result = new JsonObject { ["ScheduleGroups"] = new JsonArray([.. page.Select(g => (JsonNode)Describe(g, account))]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        await SchedulerResponse.WriteAsync(context, result);
    }

    public static async Task DeleteAsync(HttpContext context, string name, ScheduleCatalog catalog)
    {
        CheckName(name);
        SchedulesApi.CheckClientToken(context);
        if (name == ScheduleCatalog.DefaultGroup)
        {
            throw SchedulerErrors.Validation("The default schedule group cannot be deleted.");
        }
        _ = await catalog.FindGroupAsync(name, context.RequestAborted) ?? throw SchedulerErrors.GroupNotFound(name);
        await catalog.DeleteGroupAsync(name, context.RequestAborted);
        await SchedulerResponse.WriteAsync(context, []);
    }

    private static JsonObject Describe(ScheduleGroupRecord group, AwsAccount account) => new()
    {
        ["Arn"] = SchedulerArns.Group(account, group.Name),
        ["CreationDate"] = SchedulerResponse.Date(group.CreationDate),
        ["LastModificationDate"] = SchedulerResponse.Date(group.LastModificationDate),
        ["Name"] = group.Name,
        ["State"] = "ACTIVE",
    };

    private static void CheckName(string name) => SchedulerRequest.Check(name, "name", 1, 64, SchedulerRequest.Name, SchedulerRequest.NamePattern);
}
