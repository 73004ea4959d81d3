using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Pipes;

/// <summary>What the pipes tests share: ARNs, queues, and waiting for a pipe's state or a queue to drain.</summary>
internal static class PipesCli
{
    public const string Account = "000000000000";
    public const string Role = "arn:aws:iam::000000000000:role/pipes";

    public static string QueueArn(string name) => $"arn:aws:sqs:us-east-1:{Account}:{name}";

    public static string FunctionArn(string name) => $"arn:aws:lambda:us-east-1:{Account}:function:{name}";

    public static async Task<string> CreateQueueAsync(AwsCli aws, string name, params string[] attributes)
    {
        string[] arguments = attributes.Length == 0
            ? ["sqs", "create-queue", "--queue-name", name]
            : ["sqs", "create-queue", "--queue-name", name, "--attributes", string.Join(",", attributes)];
        return (await aws.SucceedAsync(arguments)).Json.GetProperty("QueueUrl").GetString()!;
    }

    /// <summary>Polls DescribePipe until CurrentState is <paramref name="state"/> (a 30 s guard); the description.</summary>
    public static async Task<JsonElement> WaitForStateAsync(AwsCli aws, string name, string state)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var pipe = (await aws.SucceedAsync("pipes", "describe-pipe", "--name", name)).Json;
            if (pipe.GetProperty("CurrentState").GetString() == state)
            {
                return pipe;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"pipe {name} is {pipe.GetProperty("CurrentState").GetString()}, not {state}, after 30 s");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits (a minute's guard) until the queue holds no message, visible or in flight.</summary>
    public static async Task WaitUntilDrainedAsync(AwsCli aws, string url)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var attributes = (await aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
            var left = int.Parse(attributes.GetProperty("ApproximateNumberOfMessages").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                + int.Parse(attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            if (left == 0)
            {
                return;
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"{url} still holds {left} messages after a minute");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Long-polls the queue (20 s a call, a minute in all) until <paramref name="count"/> bodies came; deletes them.</summary>
    public static async Task<List<string>> ReceiveBodiesAsync(AwsCli aws, string url, int count)
    {
        var bodies = new List<string>();
        for (var attempt = 0; attempt < 6 && bodies.Count < count; attempt++)
        {
            var received = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "10", "--max-number-of-messages", "10")).StandardOutput;
            if (received.Trim().Length == 0 || !JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var messages))
            {
                continue;
            }
            foreach (var message in messages.EnumerateArray())
            {
                bodies.Add(message.GetProperty("Body").GetString()!);
                await aws.SucceedAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
            }
        }
        return bodies;
    }
}
