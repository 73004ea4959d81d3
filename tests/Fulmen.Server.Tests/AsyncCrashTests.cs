using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// An accepted event survives SIGKILL: events queued or in flight when the server dies run after it restarts
/// (at least once, as on AWS). The function marks each event's id in a file of its own, so the test counts
/// distinct ids whatever ran twice.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class AsyncCrashTests
{
    private const int Events = 2000;

    [Fact]
    public async Task TwoThousandAcceptedEvents_ServerKilledMidway_EveryEventRunsAfterRestart()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1");
        var (_, http, recorder) = AsyncInvokeTests.Setup(server, "crash");
        await http.CreateFunctionAsync("marker", Recorder.SlowMarker(0.05), recorder.Settings());

        // Accept all events (each 202 means it is on disk), 32 requests at a time, while the function works through them.
        var next = -1;
        var refused = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int id;
            while ((id = Interlocked.Increment(ref next)) < Events)
            {
                var response = await http.InvokeEventAsync("marker", $$"""{"id":{{id}}}""");
                if (response.Status != HttpStatusCode.Accepted)
                {
                    lock (refused)
                    {
                        refused.Add($"event {id}: {response}");
                    }
                }
            }
        }));
        Assert.Empty(refused);

        var seenBeforeCrash = await recorder.WaitForFilesAsync("seen-", 100, TimeSpan.FromSeconds(60));
        server.Crash();
        seenBeforeCrash = recorder.Files("seen-").Count;
        Assert.True(seenBeforeCrash is > 0 and < Events, $"the crash should come mid-way, but {seenBeforeCrash} of {Events} had run");

        await server.RestartAsync();
        var seen = await recorder.WaitForFilesAsync("seen-", Events, TimeSpan.FromSeconds(180));
        var ids = recorder.Files("seen-").Select(f => int.Parse(Path.GetFileName(f)["seen-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.True(seen == Events && ids.SetEquals(Enumerable.Range(0, Events)),
            $"{ids.Count} distinct events ran ({seenBeforeCrash} before the crash); missing: {string.Join(",", Enumerable.Range(0, Events).Except(ids).Take(20))}");
    }
}
