using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fulmen.Bench.Queues;

/// <summary>
/// SQS over AWS JSON 1.0 as current SDKs send it (<c>POST /</c>, <c>X-Amz-Target: AmazonSQS.*</c>), unsigned: the
/// server checks signatures only with <c>--verify-signatures</c>. Bodies are written with <see cref="Utf8JsonWriter"/>
/// so the load client spends little of the 2 cores it shares with the server.
/// </summary>
internal sealed class SqsClient(HttpClient http, Uri endpoint)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.0");

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
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonSQS." + operation);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }
        return JsonDocument.Parse(bytes);
    }
}
