using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// Dead-letter queues, message move tasks and queue permissions in the query protocol: through Debian's AWS CLI
/// (query protocol, XML answers) where it has the command, and as the query forms it would send for the message move
/// task actions, which that CLI (2.9) predates.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SqsDeadLetterCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    private static string Arn(string name) => $"arn:aws:sqs:us-east-1:000000000000:{name}";

    private async Task<string> CreateAsync(string name, params string[] extra) =>
        (await Aws.SucceedAsync(["sqs", "create-queue", "--queue-name", name, .. extra])).Json.GetProperty("QueueUrl").GetString()!;

    private async Task<string> CountAsync(string url) =>
        (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessages"))
            .Json.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessages").GetString()!;

    [Fact]
    public async Task DeadLetters_ListedSources_MovedBackByATask()
    {
        var deadLetters = await CreateAsync("cli-redrive-dlq");
        var source = await CreateAsync("cli-redrive", "--attributes",
            $$"""{"RedrivePolicy":"{\"deadLetterTargetArn\":\"{{Arn("cli-redrive-dlq")}}\",\"maxReceiveCount\":\"1\"}"}""");
        await CreateAsync("cli-redrive-other", "--attributes",
            $$"""{"RedrivePolicy":"{\"deadLetterTargetArn\":\"{{Arn("cli-redrive-dlq")}}\",\"maxReceiveCount\":\"5\"}"}""");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", source, "--message-body", "first");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", source, "--message-body", "second");
        // Received once (visible again at once), then redriven by the next receive, which answers nothing.
        var once = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", source, "--max-number-of-messages", "10", "--visibility-timeout", "0")).Json;
        Assert.Equal(2, once.GetProperty("Messages").GetArrayLength());
        var none = await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", source, "--max-number-of-messages", "10");
        Assert.True(string.IsNullOrWhiteSpace(none.StandardOutput) || !none.Json.TryGetProperty("Messages", out _));
        Assert.Equal("2", await CountAsync(deadLetters));

        var sources = (await Aws.SucceedAsync("sqs", "list-dead-letter-source-queues", "--queue-url", deadLetters)).Json.GetProperty("queueUrls");
        Assert.Equal([source, $"{fixture.Server.Endpoint}/000000000000/cli-redrive-other"], sources.EnumerateArray().Select(u => u.GetString()));
        var page = (await Aws.SucceedAsync("sqs", "list-dead-letter-source-queues", "--queue-url", deadLetters, "--max-results", "1", "--no-paginate")).Json;
        Assert.Equal([source], page.GetProperty("queueUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.True(page.TryGetProperty("NextToken", out _));

        var started = await QueryAsync("StartMessageMoveTask", ("SourceArn", Arn("cli-redrive-dlq")));
        Assert.False(string.IsNullOrEmpty(Value(started, "TaskHandle")));
        var task = await SettledAsync(Arn("cli-redrive-dlq"));
        Assert.Equal("COMPLETED", Value(task, "Status"));
        Assert.Equal("2", Value(task, "ApproximateNumberOfMessagesMoved"));
        Assert.Equal("2", Value(task, "ApproximateNumberOfMessagesToMove"));
        Assert.Equal(Arn("cli-redrive-dlq"), Value(task, "SourceArn"));
        Assert.Null(task.Element(Sqs + "TaskHandle"));

        var back = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", source, "--max-number-of-messages", "10")).Json.GetProperty("Messages");
        Assert.Equal(["first", "second"], back.EnumerateArray().Select(m => m.GetProperty("Body").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("0", await CountAsync(deadLetters));

        // Nothing left to move: a new task completes at once, having moved nothing.
        await QueryAsync("StartMessageMoveTask", ("SourceArn", Arn("cli-redrive-dlq")), ("MaxNumberOfMessagesPerSecond", "5"));
        var empty = await SettledAsync(Arn("cli-redrive-dlq"));
        Assert.Equal("0", Value(empty, "ApproximateNumberOfMessagesMoved"));
        Assert.Equal("5", Value(empty, "MaxNumberOfMessagesPerSecond"));
        var both = await QueryAsync("ListMessageMoveTasks", ("SourceArn", Arn("cli-redrive-dlq")), ("MaxResults", "10"));
        Assert.Equal(2, both.Elements(Sqs + "ListMessageMoveTasksResultEntry").Count());
    }

    [Fact]
    public async Task MoveTaskErrors_AsSqsAnswersThem()
    {
        await CreateAsync("cli-plain");
        Assert.Equal(("InvalidParameterValue", "Source queue must be configured as a Dead Letter Queue."),
            await QueryErrorAsync("StartMessageMoveTask", ("SourceArn", Arn("cli-plain"))));
        Assert.Equal(("ResourceNotFoundException", "The resource that you specified for the SourceArn parameter doesn't exist."),
            await QueryErrorAsync("ListMessageMoveTasks", ("SourceArn", Arn("cli-nothing"))));
        Assert.Equal(("InvalidParameterValue", "You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>"),
            await QueryErrorAsync("StartMessageMoveTask", ("SourceArn", "cli-plain")));
        Assert.Equal(("InvalidParameterValue", "Value for parameter TaskHandle is invalid."), await QueryErrorAsync("CancelMessageMoveTask", ("TaskHandle", "x")));
        Assert.Equal(("MissingParameter", "The request must contain the parameter SourceArn."), await QueryErrorAsync("ListMessageMoveTasks"));
        Assert.Equal("InvalidParameterValue", (await QueryErrorAsync("ListMessageMoveTasks", ("SourceArn", Arn("cli-plain")), ("MaxResults", "11"))).Code);
        var listed = await QueryAsync("ListMessageMoveTasks", ("SourceArn", Arn("cli-plain")));
        Assert.Empty(listed.Elements());
        var gone = await Aws.RunAsync("sqs", "list-dead-letter-source-queues", "--queue-url", $"{fixture.Server.Endpoint}/000000000000/cli-nothing");
        Assert.Contains("AWS.SimpleQueueService.NonExistentQueue", gone.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPermission_RemovePermission_ReflectedInThePolicy()
    {
        var url = await CreateAsync("cli-permissions");
        await Aws.SucceedAsync("sqs", "add-permission", "--queue-url", url, "--label", "send", "--aws-account-ids", "111122223333", "--actions", "SendMessage");
        await Aws.SucceedAsync("sqs", "add-permission", "--queue-url", url, "--label", "all", "--aws-account-ids", "111122223333", "--actions", "*");
        var policy = JsonDocument.Parse((await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "Policy"))
            .Json.GetProperty("Attributes").GetProperty("Policy").GetString()!).RootElement;
        var statements = policy.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(["send", "all"], statements.Select(s => s.GetProperty("Sid").GetString()));
        Assert.Equal("SQS:SendMessage", statements[0].GetProperty("Action").GetString());
        Assert.Equal("SQS:*", statements[1].GetProperty("Action").GetString());
        Assert.Equal("arn:aws:iam::111122223333:root", statements[0].GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(Arn("cli-permissions"), statements[0].GetProperty("Resource").GetString());

        var duplicate = await Aws.RunAsync("sqs", "add-permission", "--queue-url", url, "--label", "send", "--aws-account-ids", "111122223333", "--actions", "SendMessage");
        Assert.Contains("Value send for parameter Label is invalid. Reason: Already exists.", duplicate.StandardError, StringComparison.Ordinal);
        var badAction = await Aws.RunAsync("sqs", "add-permission", "--queue-url", url, "--label", "x", "--aws-account-ids", "111122223333", "--actions", "Fly");
        Assert.Contains("Value SQS:Fly for parameter ActionName is invalid.", badAction.StandardError, StringComparison.Ordinal);

        await Aws.SucceedAsync("sqs", "remove-permission", "--queue-url", url, "--label", "send");
        await Aws.SucceedAsync("sqs", "remove-permission", "--queue-url", url, "--label", "all");
        var attributes = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        Assert.False(attributes.TryGetProperty("Policy", out _));
        var unknown = await Aws.RunAsync("sqs", "remove-permission", "--queue-url", url, "--label", "send");
        Assert.Contains("Value send for parameter Label is invalid. Reason: can't find label.", unknown.StandardError, StringComparison.Ordinal);
    }

    private static readonly XNamespace Sqs = "http://queue.amazonaws.com/doc/2012-11-05/";

    private static string? Value(XElement element, string name) => element.Element(Sqs + name)?.Value;

    private async Task<XElement> SettledAsync(string sourceArn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var task = (await QueryAsync("ListMessageMoveTasks", ("SourceArn", sourceArn))).Element(Sqs + "ListMessageMoveTasksResultEntry")!;
            if (Value(task, "Status") is not ("RUNNING" or "CANCELLING"))
            {
                return task;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the task is still running after 90 s: {task}");
            await Task.Delay(100);
        }
    }

    /// <summary>An action's <c>{Action}Result</c> element, as the query protocol answers it.</summary>
    private async Task<XElement> QueryAsync(string action, params (string Name, string Value)[] parameters)
    {
        var response = await PostAsync(action, parameters);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return XDocument.Parse(response.Body).Root!.Element(Sqs + $"{action}Result")!;
    }

    private async Task<(string Code, string Message)> QueryErrorAsync(string action, params (string Name, string Value)[] parameters)
    {
        var response = await PostAsync(action, parameters);
        Assert.True((int)response.Status is >= 400 and < 500, response.ToString());
        var error = XDocument.Parse(response.Body).Descendants().First(e => e.Name.LocalName == "Error");
        return (error.Elements().First(e => e.Name.LocalName == "Code").Value, error.Elements().First(e => e.Name.LocalName == "Message").Value);
    }

    private async Task<LambdaHttp.Response> PostAsync(string action, (string Name, string Value)[] parameters)
    {
        var form = string.Join('&', parameters.Prepend(("Action", action)).Append(("Version", "2012-11-05"))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Server.Endpoint}/")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123");
        return await fixture.Http.SendAsync(request);
    }
}
