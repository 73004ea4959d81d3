using System.Text.Json;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Queues;

/// <summary>
/// SQS over AWS JSON 1.0 as current SDKs send it (<c>X-Amz-Target: AmazonSQS.*</c>, <see cref="AwsJsonClient"/>).
/// </summary>
internal sealed class SqsClient(HttpClient http, Uri endpoint)
{
    private readonly AwsJsonClient _json = new(http, endpoint, "AmazonSQS", "1.0");

    public async Task<string> CreateQueueAsync(string name)
    {
        using var answer = await CallAsync("CreateQueue", w => w.WriteString("QueueName", name));
        return answer.RootElement.GetProperty("QueueUrl").GetString()!;
    }

    public async Task<string> QueueArnAsync(string queueUrl)
    {
        using var answer = await CallAsync("GetQueueAttributes", w =>
        {
            w.WriteString("QueueUrl", queueUrl);
            w.WriteStartArray("AttributeNames");
            w.WriteStringValue("QueueArn");
            w.WriteEndArray();
        });
        return answer.RootElement.GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
    }

    /// <summary>ApproximateNumberOfMessages + ApproximateNumberOfMessagesNotVisible.</summary>
    public async Task<long> CountAsync(string queueUrl)
    {
        using var answer = await CallAsync("GetQueueAttributes", w =>
        {
            w.WriteString("QueueUrl", queueUrl);
            w.WriteStartArray("AttributeNames");
            w.WriteStringValue("ApproximateNumberOfMessages");
            w.WriteStringValue("ApproximateNumberOfMessagesNotVisible");
            w.WriteEndArray();
        });
        var attributes = answer.RootElement.GetProperty("Attributes");
        return long.Parse(attributes.GetProperty("ApproximateNumberOfMessages").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            + long.Parse(attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task SendAsync(string queueUrl, string body)
    {
        using var answer = await CallAsync("SendMessage", w =>
        {
            w.WriteString("QueueUrl", queueUrl);
            w.WriteString("MessageBody", body);
        });
    }

    /// <summary>One SendMessageBatch; returns how many entries succeeded.</summary>
    public async Task<int> SendBatchAsync(string queueUrl, IReadOnlyList<string> bodies)
    {
        using var answer = await CallAsync("SendMessageBatch", w =>
        {
            w.WriteString("QueueUrl", queueUrl);
            w.WriteStartArray("Entries");
            for (var i = 0; i < bodies.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("Id", EntryIds[i]);
                w.WriteString("MessageBody", bodies[i]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        return answer.RootElement.GetProperty("Successful").GetArrayLength();
    }

    /// <summary>One ReceiveMessage of up to 10; returns the receipt handles.</summary>
    public async Task<List<string>> ReceiveAsync(string queueUrl, int waitSeconds)
    {
        using var answer = await CallAsync("ReceiveMessage", w =>
        {
            w.WriteString("QueueUrl", queueUrl);
            w.WriteNumber("MaxNumberOfMessages", 10);
            w.WriteNumber("WaitTimeSeconds", waitSeconds);
        });
        var handles = new List<string>(10);
        if (answer.RootElement.TryGetProperty("Messages", out var messages))
        {
            foreach (var message in messages.EnumerateArray())
            {
                handles.Add(message.GetProperty("ReceiptHandle").GetString()!);
            }
        }
        return handles;
    }

    /// <summary>One DeleteMessageBatch; returns how many entries succeeded.</summary>
    public async Task<int> DeleteBatchAsync(string queueUrl, IReadOnlyList<string> receiptHandles)
    {
        using var answer = await CallAsync("DeleteMessageBatch", w =>
        {
            w.WriteString("QueueUrl", queueUrl);
            w.WriteStartArray("Entries");
            for (var i = 0; i < receiptHandles.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("Id", EntryIds[i]);
                w.WriteString("ReceiptHandle", receiptHandles[i]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        return answer.RootElement.GetProperty("Successful").GetArrayLength();
    }

    private static readonly string[] EntryIds = [.. Enumerable.Range(0, 10).Select(i => "e" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> members) => _json.CallAsync(operation, members);
}
