using System.Text.Json.Nodes;
using Fulmen.Protocols.Arns;
using Fulmen.Scheduler.Model;
using Fulmen.Storage.Documents;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Scheduler.Api;

/// <summary>TagResource, UntagResource and ListTagsForResource: only schedule groups carry tags, as on AWS.</summary>
internal static class SchedulerTagsApi
{
    public static async Task TagAsync(HttpContext context, string resourceArn, ScheduleCatalog catalog, AwsAccount account)
    {
        var group = GroupOf(resourceArn, account);
        var body = await SchedulerRequest.ReadAsync(context.Request);
        var tags = ReadTags(body.Array("Tags") ?? throw SchedulerErrors.Missing("tags"));
        await ChangeAsync(context, catalog, group, existing => new(existing.Concat(tags).GroupBy(t => t.Key).Select(g => g.Last()), StringComparer.Ordinal));
        await SchedulerResponse.WriteAsync(context, []);
    }

    public static async Task UntagAsync(HttpContext context, string resourceArn, ScheduleCatalog catalog, AwsAccount account)
    {
        var group = GroupOf(resourceArn, account);
        if (!context.Request.Query.TryGetValue("TagKeys", out var keys))
        {
            throw SchedulerErrors.Missing("tagKeys");
        }
        var removed = keys.Select(k => k ?? "").ToHashSet(StringComparer.Ordinal);
        await ChangeAsync(context, catalog, group, existing => new(existing.Where(t => !removed.Contains(t.Key)), StringComparer.Ordinal));
        await SchedulerResponse.WriteAsync(context, []);
    }

    public static async Task ListAsync(HttpContext context, string resourceArn, ScheduleCatalog catalog, AwsAccount account)
    {
        var group = GroupOf(resourceArn, account);
        var record = await catalog.FindGroupAsync(group, context.RequestAborted) ?? throw SchedulerErrors.GroupNotFound(group);
        await SchedulerResponse.WriteAsync(context, new JsonObject
        {
            ["Tags"] = new JsonArray([.. record.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
        });
    }

    /// <summary>Tags as the Scheduler takes them: <c>[{"Key":…,"Value":…}]</c>, at most 200, keys 1–128 and values 1–256 characters.</summary>
    public static Dictionary<string, string> ReadTags(JsonArray? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tags is null)
        {
            return result;
        }
        if (tags.Count > 200)
        {
            throw SchedulerErrors.Validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200");
        }
        foreach (var node in tags)
        {
            if (node is not JsonObject tag)
            {
                throw SchedulerErrors.Serialization("tags.member");
            }
            var member = new SchedulerRequest(tag, "tags.member.");
            var key = member.Text("Key", 1, 128) ?? throw SchedulerErrors.Missing("tags.member.key");
            var value = member.Text("Value", 1, 256) ?? throw SchedulerErrors.Missing("tags.member.value");
            result[key] = value;
        }
        return result;
    }

    /// <summary>The group a TagResourceArn names; the path segment arrives percent-encoded (its slash as %2F).</summary>
    private static string GroupOf(string resourceArn, AwsAccount account)
    {
        var arn = Uri.UnescapeDataString(resourceArn);
        SchedulerRequest.Check(arn, "resourceArn", 1, 1011, SchedulerRequest.GroupArn, SchedulerRequest.GroupArnPattern);
        return SchedulerArns.GroupName(account, arn) ?? throw SchedulerErrors.GroupNotFound(arn[(arn.LastIndexOf('/') + 1)..]);
    }

    private static async Task ChangeAsync(HttpContext context, ScheduleCatalog catalog, string group, Func<Dictionary<string, string>, Dictionary<string, string>> change)
    {
        var (found, _) = await catalog.ChangeGroupAsync(group, existing => existing is null
            ? DocumentChange.Keep<ScheduleGroupRecord, bool>(false)
            : DocumentChange.Put(existing with { Tags = change(existing.Tags) }, true), context.RequestAborted);
        _ = found ?? throw SchedulerErrors.GroupNotFound(group);
    }
}
