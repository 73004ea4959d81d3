using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fulmen.Bench.Events;

/// <summary>
/// EventBridge over AWS JSON 1.1 as the SDKs send it (<c>POST /</c>, <c>X-Amz-Target: AWSEvents.*</c>), unsigned; bodies
/// written with <see cref="Utf8JsonWriter"/> so the load client spends little of the cores it shares with the server.
/// </summary>
internal sealed class EventsClient(HttpClient http, Uri endpoint)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.1");

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

    private async Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ReadOnlyMemoryContent(buffer.WrittenMemory) };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSEvents." + operation);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }
        return JsonDocument.Parse(bytes);
    }
}
