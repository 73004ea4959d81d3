using System.Globalization;
using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// How queued events share the machine: a function's reserved concurrency bounds how many of its events run
/// at once, and one function's backlog does not make another function's event wait behind it.
/// </summary>
public sealed class AsyncFairnessTests
{
    /// <summary>Sleeps, then writes <c>span-ID</c> holding its start and end times (epoch seconds).</summary>
    private static readonly TestFunction Spans = TestFunctions.Python("""
        import os, time

        def handler(event, context):
            start = time.time()
            time.sleep(event["sleep"])
            with open(os.path.join(os.environ["RECORD_DIR"], f"span-{event['id']}"), "w") as f:
                f.write(f"{start} {time.time()}")
            return {}
        """);

    [Fact]
    public async Task ReservedConcurrencyTwo_NeverMoreThanTwoOfTheFunctionsEventsRunAtOnce()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1");
        var (lambda, http, recorder) = AsyncInvokeTests.Setup(server, "reserved");
        await http.CreateFunctionAsync("spans", Spans, recorder.Settings());
        await lambda.Aws.SucceedAsync("lambda", "put-function-concurrency", "--function-name", "spans", "--reserved-concurrent-executions", "2");

        for (var id = 0; id < 12; id++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.InvokeEventAsync("spans", $$"""{"id":{{id}},"sleep":0.3}""")).Status);
        }
        Assert.Equal(12, await recorder.WaitForFilesAsync("span-", 12, TimeSpan.FromSeconds(90)));

        var spans = recorder.Files("span-").Select(f => File.ReadAllText(f).Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray()).ToList();
        // The most running at one instant: at some span's start, count the spans that have begun and not ended.
        var mostAtOnce = spans.Max(span => spans.Count(other => other[0] <= span[0] && span[0] < other[1]));
        Assert.True(mostAtOnce <= 2, $"{mostAtOnce} events ran at once with reserved concurrency 2");
        Assert.Equal(2, mostAtOnce); // and the two slots were used
    }

    [Fact]
    public async Task BacklogOfOneFunction_DoesNotHoldUpAnotherFunctionsEvent()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1", "--async-concurrency", "2");
        var (_, http, recorder) = AsyncInvokeTests.Setup(server, "fair");
        await http.CreateFunctionAsync("backlog", Spans, recorder.Settings());
        await http.CreateFunctionAsync("other", Recorder.SlowMarker(0), recorder.Settings());

        const int Backlog = 40;
        for (var id = 0; id < Backlog; id++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.InvokeEventAsync("backlog", $$"""{"id":{{id}},"sleep":0.2}""")).Status);
        }
        Assert.Equal(HttpStatusCode.Accepted, (await http.InvokeEventAsync("other", """{"id":"other"}""")).Status);

        Assert.Equal(1, await recorder.WaitForFilesAsync("seen-other", 1, TimeSpan.FromSeconds(60)));
        // Functions take turns for the two slots: the other function's event ran long before the backlog was done.
        var backlogDone = recorder.Files("span-").Count;
        Assert.True(backlogDone < Backlog / 2, $"the other function's event waited for {backlogDone} of {Backlog} backlog events");
    }
}
