using System.Text.Json;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Events;

/// <summary>
/// EventBridge over AWS JSON 1.1 as the SDKs send it (<c>X-Amz-Target: AWSEvents.*</c>, <see cref="AwsJsonClient"/>).
/// </summary>
internal sealed class EventsClient(HttpClient http, Uri endpoint)
{
    private readonly AwsJsonClient _json = new(http, endpoint, "AWSEvents", "1.1");

    public async Task CreateBusAsync(string name)
    {
        using var _ = await CallAsync("CreateEventBus", w => w.WriteString("Name", name));
    }

    /// <summary>PutRule then PutTargets with one target; returns the rule's ARN.</summary>
    public async Task<string> PutRuleAsync(string bus, string name, string pattern, string targetArn)
    {
        string arn;
        using (var rule = await CallAsync("PutRule", w =>
        {
            w.WriteString("Name", name);
            w.WriteString("EventBusName", bus);
            w.WriteString("EventPattern", pattern);
        }))
        {
            arn = rule.RootElement.GetProperty("RuleArn").GetString()!;
        }
        using var _ = await CallAsync("PutTargets", w =>
        {
            w.WriteString("Rule", name);
            w.WriteString("EventBusName", bus);
            w.WriteStartArray("Targets");
            w.WriteStartObject();
            w.WriteString("Id", "fn");
            w.WriteString("Arn", targetArn);
            w.WriteEndObject();
            w.WriteEndArray();
        });
        return arn;
    }

    /// <summary>One PutEvents of <paramref name="details"/> (1–10) on <paramref name="bus"/>; returns how many were accepted.</summary>
    public async Task<int> PutEventsAsync(string bus, string detailType, IReadOnlyList<string> details)
    {
        using var answer = await CallAsync("PutEvents", w =>
        {
            w.WriteStartArray("Entries");
            foreach (var detail in details)
            {
                w.WriteStartObject();
                w.WriteString("Source", "bench");
                w.WriteString("DetailType", detailType);
                w.WriteString("Detail", detail);
                w.WriteString("EventBusName", bus);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        return details.Count - answer.RootElement.GetProperty("FailedEntryCount").GetInt32();
    }

    private Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> members) => _json.CallAsync(operation, members);
}
