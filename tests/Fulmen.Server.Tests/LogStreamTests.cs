using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// A function's log stream: the runtime's output and the platform's START/END/REPORT lines in the order they happened,
/// though the platform's lines are written off the invoke path; output written between invocations or during a long one
/// shows in the stream without waiting for the next line.
/// </summary>
public sealed class LogStreamTests
{
    private const string Handler = """
        exports.handler = async (event) => {
          console.log(`during ${event.n}`);
          // After the answer, as a function that logs from a timer does.
          setTimeout(() => console.log(`after ${event.n}`), 20);
          if (event.wait) {
            await new Promise(resolve => setTimeout(resolve, 20000));
          }
          return { n: event.n };
        };
        """;

    [Fact]
    public async Task Stream_HoldsEachInvocationsOutputBetweenItsLines_AndOutputAfterTheAnswer()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new LambdaHttp(server);
        await CreateAsync(server, http, "ordered");

        var first = await http.InvokeAsync("ordered", """{"n":1}""", logTail: true);
        // The second starts once the first's timer has logged, so that line's place is known: before the second's START.
        await StreamTextAsync(http, "ordered", text => text.Contains("after 1", StringComparison.Ordinal));
        var second = await http.InvokeAsync("ordered", """{"n":2}""", logTail: true);

        foreach (var (response, n) in new[] { (first, 1), (second, 2) })
        {
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            var id = response.Header("x-amzn-RequestId");
            var tail = Encoding.UTF8.GetString(Convert.FromBase64String(response.Header("X-Amz-Log-Result")!));
            AssertInOrder(tail, $"START RequestId: {id}", $"INFO\tduring {n}\n", $"END RequestId: {id}\n", $"REPORT RequestId: {id}\t");
            if (n == 2)
            {
                // The first's timer logged before the second began: not in the second's tail, which starts at its START.
                Assert.DoesNotContain("after 1", tail, StringComparison.Ordinal);
            }
        }

        // Where a timer's line falls against the END written as the answer arrives is a race, as on AWS; not so the rest.
        var stream = await StreamTextAsync(http, "ordered", text => text.Contains("after 2", StringComparison.Ordinal));
        var (one, two) = (first.Header("x-amzn-RequestId"), second.Header("x-amzn-RequestId"));
        AssertInOrder(stream, $"START RequestId: {one}", "during 1", $"END RequestId: {one}", "REPORT RequestId",
            $"START RequestId: {two}", "during 2", $"END RequestId: {two}", "REPORT RequestId");
        AssertInOrder(stream, "during 1", "after 1", $"START RequestId: {two}", "during 2", "after 2");
    }

    [Fact]
    public async Task Stream_ShowsALongInvocationsOutput_BeforeItEnds()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new LambdaHttp(server);
        await CreateAsync(server, http, "long", new JsonObject { ["Timeout"] = 30 });

        var accepted = await http.InvokeEventAsync("long", """{"n":7,"wait":true}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);

        // The function waits 20 s after logging: the line is in the stream well before its END.
        var stream = await StreamTextAsync(http, "long", text => text.Contains("during 7", StringComparison.Ordinal));
        AssertInOrder(stream, "START RequestId", "during 7");
        Assert.DoesNotContain("END RequestId", stream, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputFile_IsMergedAndRemoved_WhenTheEnvironmentEnds()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new LambdaHttp(server);
        var lambda = new LambdaCli(server);
        await CreateAsync(server, http, "retired");
        var invoked = await http.InvokeAsync("retired", """{"n":3}""");
        Assert.Equal(HttpStatusCode.OK, invoked.Status);
        await StreamTextAsync(http, "retired", text => text.Contains("after 3", StringComparison.Ordinal));
        var logs = Path.Combine(server.DataDirectory, "logs", "aws", "lambda", "retired");
        Assert.Single(Directory.GetFiles(logs, "*.out"));

        // A new configuration retires the environment: its runtime stops and its output file goes.
        await lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "retired", "--environment", "Variables={MODE=new}");
        var again = await http.InvokeAsync("retired", """{"n":4}""");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Directory.GetFiles(logs, "*.out").Length > 1)
        {
            await Task.Delay(50, guard.Token);
        }
        var streams = Directory.GetFiles(logs, "*.log");
        Assert.Equal(2, streams.Length);
        var merged = string.Concat(streams.Select(File.ReadAllText));
        Assert.Contains("during 3", merged, StringComparison.Ordinal);
        Assert.Contains("after 3", merged, StringComparison.Ordinal);
    }

    private static async Task CreateAsync(FulmenServer server, LambdaHttp http, string name, JsonObject? settings = null)
    {
        var zip = FunctionZips.Create(server.DataDirectory, name, new Dictionary<string, string> { ["index.js"] = Handler });
        var request = LambdaHttp.CreateFunctionRequest(name, "nodejs20.x", "index.handler", zip);
        foreach (var (key, value) in settings ?? [])
        {
            request[key] = value?.DeepClone();
        }
        var created = await http.CreateFunctionAsync(request.ToJsonString());
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
    }

    /// <summary>The function's only stream, read through the endpoint <c>fulmen logs</c> uses, once it satisfies <paramref name="done"/>.</summary>
    private static async Task<string> StreamTextAsync(LambdaHttp http, string function, Func<string, bool> done)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var list = await http.GetAsync($"/_fulmen/logs/{function}");
            var streams = list.Json.GetProperty("logStreams");
            if (streams.GetArrayLength() == 1)
            {
                var name = streams[0].GetProperty("logStreamName").GetString()!;
                var text = (await http.GetAsync($"/_fulmen/logs/{function}/stream?name={Uri.EscapeDataString(name)}")).Body;
                if (done(text))
                {
                    return text;
                }
            }
            await Task.Delay(50, guard.Token);
        }
    }

    private static void AssertInOrder(string text, params string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' not found after offset {at} in:\n{text}");
            at = found + part.Length;
        }
    }
}
