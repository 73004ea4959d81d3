using System.Net;
using System.Text;
using System.Text.Json;

namespace Fulmen.Bench.Queues;

/// <summary>CreateEventSourceMapping and DeleteEventSourceMapping as an AWS SDK sends them.</summary>
internal sealed class MappingControl(HttpClient http, Uri endpoint)
{
    /// <summary>Creates an enabled mapping from the queue to the function; returns its UUID.</summary>
    public async Task<string> CreateAsync(string queueArn, string functionName, int batchSize, int windowSeconds)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["EventSourceArn"] = queueArn,
            ["FunctionName"] = functionName,
            ["BatchSize"] = batchSize,
            ["MaximumBatchingWindowInSeconds"] = windowSeconds,
            ["Enabled"] = true,
        });
        using var response = await http.PostAsync(new Uri(endpoint, "/2015-03-31/event-source-mappings/"), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"CreateEventSourceMapping answered {(int)response.StatusCode}: {text}");
        }
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("UUID").GetString()!;
    }

    public async Task DeleteAsync(string uuid)
    {
        using var response = await http.DeleteAsync(new Uri(endpoint, $"/2015-03-31/event-source-mappings/{uuid}"));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"DeleteEventSourceMapping answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
