using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>SQS through Debian's AWS CLI v1, which speaks the query protocol (form in, XML out).</summary>
[Trait("Backend", "Both")]
public sealed class SqsCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    private async Task<string> CreateAsync(string name, params string[] extra) =>
        (await Aws.SucceedAsync(["sqs", "create-queue", "--queue-name", name, .. extra])).Json.GetProperty("QueueUrl").GetString()!;

    [Fact]
    public async Task QueueLifecycle_CreateListUrlAttributesTagsPurgeDelete()
    {
        var url = await CreateAsync("cli-life", "--attributes", "VisibilityTimeout=45,DelaySeconds=0", "--tags", "team=core");
        Assert.Equal($"{fixture.Server.Endpoint}/000000000000/cli-life", url);
        Assert.Equal(url, await CreateAsync("cli-life", "--attributes", "VisibilityTimeout=45"));

        var conflict = await Aws.RunAsync("sqs", "create-queue", "--queue-name", "cli-life", "--attributes", "VisibilityTimeout=46");
        Assert.Contains("QueueAlreadyExists", conflict.StandardError, StringComparison.Ordinal);

        var listed = (await Aws.SucceedAsync("sqs", "list-queues", "--queue-name-prefix", "cli-li")).Json.GetProperty("QueueUrls");
        Assert.Equal([url], listed.EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(url, (await Aws.SucceedAsync("sqs", "get-queue-url", "--queue-name", "cli-life")).Json.GetProperty("QueueUrl").GetString());

        var attributes = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        Assert.Equal("45", attributes.GetProperty("VisibilityTimeout").GetString());
        Assert.Equal("262144", attributes.GetProperty("MaximumMessageSize").GetString());
        Assert.Equal("345600", attributes.GetProperty("MessageRetentionPeriod").GetString());
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:cli-life", attributes.GetProperty("QueueArn").GetString());
        Assert.Equal("0", attributes.GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.True(long.Parse(attributes.GetProperty("CreatedTimestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 1_600_000_000);

        await Aws.SucceedAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "DelaySeconds=5,ReceiveMessageWaitTimeSeconds=2");
        var changed = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "DelaySeconds", "ReceiveMessageWaitTimeSeconds")).Json.GetProperty("Attributes");
        Assert.Equal("5", changed.GetProperty("DelaySeconds").GetString());
        Assert.Equal("2", changed.GetProperty("ReceiveMessageWaitTimeSeconds").GetString());
        Assert.False(changed.TryGetProperty("VisibilityTimeout", out _));

        await Aws.SucceedAsync("sqs", "tag-queue", "--queue-url", url, "--tags", "env=test");
        await Aws.SucceedAsync("sqs", "untag-queue", "--queue-url", url, "--tag-keys", "team");
        var tags = (await Aws.SucceedAsync("sqs", "list-queue-tags", "--queue-url", url)).Json.GetProperty("Tags");
        Assert.Equal(["env=test"], tags.EnumerateObject().Select(t => $"{t.Name}={t.Value.GetString()}"));

        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "x", "--delay-seconds", "0");
        var counted = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessages")).Json;
        Assert.Equal("1", counted.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessages").GetString());
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "delayed");
        var delayed = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessagesDelayed")).Json;
        Assert.Equal("1", delayed.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessagesDelayed").GetString());
        await Aws.SucceedAsync("sqs", "purge-queue", "--queue-url", url);
        var purged = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        Assert.Equal("0", purged.GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Equal("0", purged.GetProperty("ApproximateNumberOfMessagesDelayed").GetString());

        await Aws.SucceedAsync("sqs", "delete-queue", "--queue-url", url);
        var gone = await Aws.RunAsync("sqs", "get-queue-url", "--queue-name", "cli-life");
        Assert.Contains("AWS.SimpleQueueService.NonExistentQueue", gone.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendReceiveDelete_WithAttributes_AndVisibilityTimeout()
    {
        var url = await CreateAsync("cli-msgs");
        var sent = (await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "hello ✓",
            "--message-attributes", """{"color":{"DataType":"String","StringValue":"blue"},"n":{"DataType":"Number","StringValue":"42"},"raw":{"DataType":"Binary","BinaryValue":"AQID"}}""")).Json;
        Assert.Equal(Md5("hello ✓"), sent.GetProperty("MD5OfMessageBody").GetString());
        Assert.Equal(32, sent.GetProperty("MD5OfMessageAttributes").GetString()!.Length);

        var received = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All",
            "--message-attribute-names", "All", "--visibility-timeout", "0")).Json.GetProperty("Messages")[0];
        Assert.Equal("hello ✓", received.GetProperty("Body").GetString());
        Assert.Equal(sent.GetProperty("MessageId").GetString(), received.GetProperty("MessageId").GetString());
        Assert.Equal("1", received.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
        Assert.Equal(sent.GetProperty("MD5OfMessageAttributes").GetString(), received.GetProperty("MD5OfMessageAttributes").GetString());
        Assert.Equal("blue", received.GetProperty("MessageAttributes").GetProperty("color").GetProperty("StringValue").GetString());

        // Visibility 0: visible again at once, received a second time with a new handle.
        var again = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--attribute-names", "ApproximateReceiveCount",
            "--visibility-timeout", "30")).Json.GetProperty("Messages")[0];
        Assert.Equal("2", again.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
        var none = await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url);
        Assert.True(string.IsNullOrWhiteSpace(none.StandardOutput) || !none.Json.TryGetProperty("Messages", out _));

        // The first handle is stale: deleting with it leaves the message, the current one deletes it.
        await Aws.SucceedAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", received.GetProperty("ReceiptHandle").GetString()!);
        await Aws.SucceedAsync("sqs", "change-message-visibility", "--queue-url", url, "--receipt-handle", again.GetProperty("ReceiptHandle").GetString()!, "--visibility-timeout", "0");
        var third = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url)).Json.GetProperty("Messages")[0];
        await Aws.SucceedAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", third.GetProperty("ReceiptHandle").GetString()!);
        var attributes = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        Assert.Equal("0", attributes.GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Equal("0", attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
    }

    [Fact]
    public async Task Batches_ReportEachEntry()
    {
        var url = await CreateAsync("cli-batch");
        var sent = (await Aws.SucceedAsync("sqs", "send-message-batch", "--queue-url", url, "--entries",
            """[{"Id":"a","MessageBody":"one"},{"Id":"b","MessageBody":"two","DelaySeconds":901},{"Id":"c","MessageBody":"three"}]""")).Json;
        Assert.Equal(["a", "c"], sent.GetProperty("Successful").EnumerateArray().Select(e => e.GetProperty("Id").GetString()));
        var failed = Assert.Single(sent.GetProperty("Failed").EnumerateArray());
        Assert.Equal("b", failed.GetProperty("Id").GetString());
        Assert.Equal("InvalidParameterValue", failed.GetProperty("Code").GetString());

        var messages = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10")).Json.GetProperty("Messages");
        Assert.Equal(2, messages.GetArrayLength());
        var entries = JsonSerializer.Serialize(messages.EnumerateArray().Select((m, i) => new { Id = $"m{i}", ReceiptHandle = m.GetProperty("ReceiptHandle").GetString() }));
        var deleted = (await Aws.SucceedAsync("sqs", "delete-message-batch", "--queue-url", url, "--entries", entries)).Json;
        Assert.Equal(2, deleted.GetProperty("Successful").GetArrayLength());

        var duplicate = await Aws.RunAsync("sqs", "send-message-batch", "--queue-url", url, "--entries", """[{"Id":"a","MessageBody":"1"},{"Id":"a","MessageBody":"2"}]""");
        Assert.Contains("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", duplicate.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_AsSqsAnswersThem()
    {
        var missing = await Aws.RunAsync("sqs", "send-message", "--queue-url", $"{fixture.Server.Endpoint}/000000000000/nope", "--message-body", "x");
        Assert.Contains("AWS.SimpleQueueService.NonExistentQueue", missing.StandardError, StringComparison.Ordinal);

        var url = await CreateAsync("cli-errors");
        var badValue = await Aws.RunAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "VisibilityTimeout=43201");
        Assert.Contains("InvalidAttributeValue", badValue.StandardError, StringComparison.Ordinal);
        Assert.Contains("Invalid value for the parameter VisibilityTimeout.", badValue.StandardError, StringComparison.Ordinal);
        var badName = await Aws.RunAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "Nope");
        Assert.NotEqual(0, badName.ExitCode);

        // A file, not an argument: one argument may not exceed 128 KiB on Linux.
        var big = Path.Combine(fixture.Server.DataDirectory, "big-message.txt");
        await File.WriteAllTextAsync(big, new string('x', 262_145));
        var tooBig = await Aws.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", $"file://{big}");
        Assert.Contains("Message must be shorter than 262144 bytes", tooBig.StandardError, StringComparison.Ordinal);
        var tooMany = await Aws.RunAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "11");
        Assert.Contains("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", tooMany.StandardError, StringComparison.Ordinal);
        var fifoName = await Aws.RunAsync("sqs", "create-queue", "--queue-name", "cli.fifo");
        Assert.Contains("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length", fifoName.StandardError, StringComparison.Ordinal);
    }

    private static string Md5(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
