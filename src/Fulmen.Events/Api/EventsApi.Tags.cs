using System.Text.Json.Nodes;
using Fulmen.Events.Model;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Api;

public sealed partial class EventsApi
{
    private async Task<JsonObject> TagResourceAsync(EventsRequest request)
    {
        var tags = ReadTags(request.Array("Tags") ?? throw EventsErrors.Missing("tags"));
        await ChangeTagsAsync(request, existing => new(existing.Concat(tags).GroupBy(t => t.Key).Select(g => g.Last()), StringComparer.Ordinal));
        return [];
    }

    private async Task<JsonObject> UntagResourceAsync(EventsRequest request)
    {
        var keys = (request.Array("TagKeys") ?? throw EventsErrors.Missing("tagKeys")).Select(k => Text(k) ?? throw EventsRequest.Serialization()).ToHashSet(StringComparer.Ordinal);
        await ChangeTagsAsync(request, existing => new(existing.Where(t => !keys.Contains(t.Key)), StringComparer.Ordinal));
        return [];
    }

    private async Task<JsonObject> ListTagsForResourceAsync(EventsRequest request)
    {
        var tags = await ChangeTagsAsync(request, null);
        return new JsonObject { ["Tags"] = new JsonArray([.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]) };
    }

    /// <summary>Applies <paramref name="change"/> (null: only reads) to the tags of the bus or rule <c>ResourceARN</c> names.</summary>
    private async Task<Dictionary<string, string>> ChangeTagsAsync(EventsRequest request, Func<Dictionary<string, string>, Dictionary<string, string>>? change)
    {
        var arn = request.Required("ResourceARN", "resourceARN");
        var (bus, rule) = EventArns.Parse(account, arn) ?? throw EventsErrors.Validation($"Parameter ResourceARN is not valid.");
        if (rule is null)
        {
            var (found, _) = await catalog.ChangeBusAsync(bus, existing => existing is null || change is null
                ? DocumentChange.Keep<EventBusRecord, bool>(false)
                : DocumentChange.Put(existing with { Tags = change(existing.Tags) }, true), request.Aborted);
            return found?.Tags ?? throw EventsErrors.BusNotFound(bus);
        }
        var (entry, _) = await catalog.ChangeRuleAsync(bus, rule, existing => existing is null || change is null
            ? DocumentChange.Keep<RuleRecord, bool>(false)
            : DocumentChange.Put(existing with { Tags = change(existing.Tags) }, true), request.Aborted);
        return entry?.Record.Tags ?? throw EventsErrors.RuleNotFound(rule, bus);
    }

    /// <summary>Tags as EventBridge takes them: <c>[{"Key":…,"Value":…}]</c>.</summary>
    private static Dictionary<string, string> ReadTags(JsonArray? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in tags ?? [])
        {
            var tag = node as JsonObject ?? throw EventsRequest.Serialization();
            var key = Text(tag["Key"]) ?? throw EventsErrors.Missing("tags.member.key");
            var value = Text(tag["Value"]) ?? throw EventsErrors.Missing("tags.member.value");
            if (key.Length is 0 or > 128 || value.Length > 256)
            {
                throw EventsErrors.Constraint(key, "tags.member.key", "Member must have length less than or equal to 128");
            }
            result[key] = value;
        }
        return result;
    }
}
