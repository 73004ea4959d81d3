using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>FIFO queues through Debian's AWS CLI v1 (query protocol): naming, attributes, groups, deduplication, errors.</summary>
[Trait("Backend", "Both")]
public sealed class SqsFifoCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    private async Task<string> CreateAsync(string name, string attributes) =>
        (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", name, "--attributes", attributes)).Json.GetProperty("QueueUrl").GetString()!;

    private async Task<JsonElement> SendAsync(string url, string body, string group, string? deduplicationId = null) =>
        (await Aws.SucceedAsync(["sqs", "send-message", "--queue-url", url, "--message-body", body, "--message-group-id", group,
            .. deduplicationId is null ? Array.Empty<string>() : ["--message-deduplication-id", deduplicationId]])).Json;

    private async Task<JsonElement[]> ReceiveAsync(string url, int max)
    {
        var result = await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--attribute-names", "All", "--receive-request-attempt-id", "attempt-1");
        return string.IsNullOrWhiteSpace(result.StandardOutput) || !result.Json.TryGetProperty("Messages", out var messages) ? [] : [.. messages.EnumerateArray()];
    }

    [Fact]
    public async Task CreateQueue_FifoNamesAndAttributes_AsSqsChecksThem()
    {
        var url = await CreateAsync("cli-names.fifo", "FifoQueue=true");
        Assert.EndsWith("/000000000000/cli-names.fifo", url, StringComparison.Ordinal);
        var attributes = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        Assert.Equal(("true", "false", "queue", "perQueue"), (attributes.GetProperty("FifoQueue").GetString(), attributes.GetProperty("ContentBasedDeduplication").GetString(),
            attributes.GetProperty("DeduplicationScope").GetString(), attributes.GetProperty("FifoThroughputLimit").GetString()));
        Assert.Equal(url, await CreateAsync("cli-names.fifo", "FifoQueue=true,ContentBasedDeduplication=false"));

        var noSuffix = await Aws.RunAsync("sqs", "create-queue", "--queue-name", "cli-names", "--attributes", "FifoQueue=true");
        Assert.Contains("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
            noSuffix.StandardError, StringComparison.Ordinal);
        var standardAttribute = await Aws.RunAsync("sqs", "create-queue", "--queue-name", "cli-std", "--attributes", "ContentBasedDeduplication=true");
        Assert.Contains("InvalidAttributeName", standardAttribute.StandardError, StringComparison.Ordinal);
        var typeChange = await Aws.RunAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "FifoQueue=false");
        Assert.Contains("InvalidAttributeName", typeChange.StandardError, StringComparison.Ordinal);
        var badScope = await Aws.RunAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "DeduplicationScope=everything");
        Assert.Contains("Invalid value for the parameter DeduplicationScope.", badScope.StandardError, StringComparison.Ordinal);
        var throughput = await Aws.RunAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "FifoThroughputLimit=perMessageGroupId");
        Assert.Contains("InvalidAttributeValue", throughput.StandardError, StringComparison.Ordinal);
        await Aws.SucceedAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "DeduplicationScope=messageGroup,FifoThroughputLimit=perMessageGroupId");

        // A dead-letter queue is of its source's type.
        await CreateAsync("cli-names-dlq", "VisibilityTimeout=30");
        var mixed = await Aws.RunAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes",
            """{"RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:cli-names-dlq\",\"maxReceiveCount\":\"2\"}"}""");
        Assert.Contains("Reason: Dead-letter queue must be same type of queue as the source..", mixed.StandardError, StringComparison.Ordinal);
        await CreateAsync("cli-names-dlq.fifo", "FifoQueue=true");
        await Aws.SucceedAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes",
            """{"RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:cli-names-dlq.fifo\",\"maxReceiveCount\":\"2\"}"}""");
    }

    [Fact]
    public async Task SendMessage_FifoParameters_RequiredAndRefusedAsOnSqs()
    {
        var url = await CreateAsync("cli-send.fifo", "FifoQueue=true");

        var noGroup = await Aws.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", "x", "--message-deduplication-id", "d");
        Assert.Contains("The request must contain the parameter MessageGroupId.", noGroup.StandardError, StringComparison.Ordinal);
        var noDeduplication = await Aws.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", "x", "--message-group-id", "g");
        Assert.Contains("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly", noDeduplication.StandardError, StringComparison.Ordinal);
        var delayed = await Aws.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", "x", "--message-group-id", "g", "--message-deduplication-id", "d", "--delay-seconds", "5");
        Assert.Contains("Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.", delayed.StandardError, StringComparison.Ordinal);
        var badGroup = await Aws.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", "x", "--message-group-id", new string('g', 129), "--message-deduplication-id", "d");
        Assert.Contains("InvalidParameterValue", badGroup.StandardError, StringComparison.Ordinal);

        // Standard queues take a group (fair queues) but no deduplication id.
        var standard = (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", "cli-send-std")).Json.GetProperty("QueueUrl").GetString()!;
        await SendAsync(standard, "fair", "tenant-1");
        var fair = Assert.Single(await ReceiveAsync(standard, 1));
        Assert.Equal("tenant-1", fair.GetProperty("Attributes").GetProperty("MessageGroupId").GetString());
        Assert.False(fair.GetProperty("Attributes").TryGetProperty("SequenceNumber", out _));
        var deduplicated = await Aws.RunAsync("sqs", "send-message", "--queue-url", standard, "--message-body", "x", "--message-deduplication-id", "d");
        Assert.Contains("Value d for parameter MessageDeduplicationId is invalid.", deduplicated.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_ComeOutInOrderAndAGroupWaitsWhileAMessageIsInFlight()
    {
        var url = await CreateAsync("cli-order.fifo", "FifoQueue=true");
        var a1 = await SendAsync(url, "a1", "A", "a1");
        var a2 = await SendAsync(url, "a2", "A", "a2");
        var b1 = await SendAsync(url, "b1", "B", "b1");
        var again = await SendAsync(url, "a1 again", "A", "a1");
        Assert.Equal(a1.GetProperty("MessageId").GetString(), again.GetProperty("MessageId").GetString());
        Assert.Equal(a1.GetProperty("SequenceNumber").GetString(), again.GetProperty("SequenceNumber").GetString());
        var sequences = new[] { a1, a2, b1 }.Select(m => decimal.Parse(m.GetProperty("SequenceNumber").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.Order(), sequences);

        var first = Assert.Single(await ReceiveAsync(url, 1));
        Assert.Equal("a1", first.GetProperty("Body").GetString());
        var system = first.GetProperty("Attributes");
        Assert.Equal(("A", "a1", a1.GetProperty("SequenceNumber").GetString()),
            (system.GetProperty("MessageGroupId").GetString(), system.GetProperty("MessageDeduplicationId").GetString(), system.GetProperty("SequenceNumber").GetString()));

        // A is in flight: only B is served.
        Assert.Equal(["b1"], (await ReceiveAsync(url, 10)).Select(m => m.GetProperty("Body").GetString()));
        // a1 given back: it comes first again, before a2.
        await Aws.SucceedAsync("sqs", "change-message-visibility", "--queue-url", url, "--receipt-handle", first.GetProperty("ReceiptHandle").GetString()!, "--visibility-timeout", "0");
        var retried = await ReceiveAsync(url, 10);
        Assert.Equal(["a1", "a2"], retried.Select(m => m.GetProperty("Body").GetString()));
        Assert.Equal("2", retried[0].GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
        foreach (var message in retried)
        {
            await Aws.SucceedAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
        }

        // Content-based deduplication: the body's SHA-256 is the id; a duplicate is accepted and not delivered.
        await Aws.SucceedAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "ContentBasedDeduplication=true");
        var same1 = await SendAsync(url, "same body", "C");
        var same2 = await SendAsync(url, "same body", "C");
        Assert.Equal(same1.GetProperty("MessageId").GetString(), same2.GetProperty("MessageId").GetString());
        var batch = (await Aws.SucceedAsync("sqs", "send-message-batch", "--queue-url", url, "--entries",
            """[{"Id":"x","MessageBody":"same body","MessageGroupId":"C"},{"Id":"y","MessageBody":"other","MessageGroupId":"C"},{"Id":"z","MessageBody":"late","MessageGroupId":"C","DelaySeconds":3}]""")).Json;
        Assert.Equal(["x", "y"], batch.GetProperty("Successful").EnumerateArray().Select(e => e.GetProperty("Id").GetString()));
        Assert.Equal(same1.GetProperty("MessageId").GetString(), batch.GetProperty("Successful")[0].GetProperty("MessageId").GetString());
        Assert.Equal("z", Assert.Single(batch.GetProperty("Failed").EnumerateArray()).GetProperty("Id").GetString());
        var rest = await ReceiveAsync(url, 10);
        Assert.Equal(["same body", "other"], rest.Select(m => m.GetProperty("Body").GetString()));
        Assert.Equal(FifoContentId("same body"), rest[0].GetProperty("Attributes").GetProperty("MessageDeduplicationId").GetString());
    }

    private static string FifoContentId(string body) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
}
