using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>Timing-sensitive tests run alone, after the parallel ones, so a busy machine does not skew them.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>
/// Reserved concurrency limits invocations in flight; without it, parallel invocations each get an
/// environment, and the next round reuses them warm.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class ConcurrencyTests
{
    private const int Parallel = 20;
    private const int Reserved = 5;

    /// <summary>Twenty environments starting at once on a small, busy machine can be slow; the tests are not about timeouts.</summary>
    private static readonly JsonObject Unhurried = new() { ["Timeout"] = 60 };

    [Fact]
    public async Task Invoke_TwentyAtOnceWithReservedFive_FiveRunAndFifteenThrottled()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        await http.CreateFunctionAsync("reserved", TestFunctions.ProvidedSleeper("0.2"), Unhurried);

        var put = (await lambda.Aws.SucceedAsync("lambda", "put-function-concurrency", "--function-name", "reserved",
            "--reserved-concurrent-executions", $"{Reserved}")).Json;
        Assert.Equal(Reserved, put.GetProperty("ReservedConcurrentExecutions").GetInt32());
        var got = (await lambda.Aws.SucceedAsync("lambda", "get-function-concurrency", "--function-name", "reserved")).Json;
        Assert.Equal(Reserved, got.GetProperty("ReservedConcurrentExecutions").GetInt32());

        var responses = await InvokeTogetherAsync(http, "reserved", logTail: false);

        var succeeded = responses.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var throttled = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(succeeded.Count == Reserved && throttled.Count == Parallel - Reserved,
            $"expected {Reserved} × 200 and {Parallel - Reserved} × 429, got:\n{string.Join("\n", responses)}");
        Assert.All(succeeded, response => Assert.Null(response.Header("X-Amz-Function-Error")));
        var echoed = succeeded.Select(response => response.Json.GetProperty("echo").GetProperty("index").GetInt32()).ToList();
        Assert.Equal(Reserved, echoed.Distinct().Count(index => index is >= 0 and < Parallel));
        foreach (var response in throttled)
        {
            Assert.Equal("TooManyRequestsException", response.ErrorType);
            Assert.Equal("Rate Exceeded.", response.ErrorMessage);
            Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", response.Json.GetProperty("Reason").GetString());
        }
    }

    [Fact]
    public async Task Invoke_TwentyAtOnceWithoutReservation_AllRunAndTheNextRoundIsWarm()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        // Each invocation holds its environment for a second, so that on a busy machine none of the twenty can
        // finish before the last one has started and let it reuse its environment.
        await http.CreateFunctionAsync("unreserved", TestFunctions.ProvidedSleeper("1"), Unhurried);
        await lambda.Aws.SucceedAsync("lambda", "put-function-concurrency", "--function-name", "unreserved",
            "--reserved-concurrent-executions", $"{Reserved}");
        await lambda.Aws.SucceedAsync("lambda", "delete-function-concurrency", "--function-name", "unreserved");
        // With no reservation the answer is {}, which the CLI prints as nothing at all.
        var got = await lambda.Aws.SucceedAsync("lambda", "get-function-concurrency", "--function-name", "unreserved");
        Assert.True(got.StandardOutput.Trim() is "" or "{}", $"the reservation was deleted, yet: {got.StandardOutput}");

        // Round one: all twenty run at once, so each needs an environment of its own, started cold.
        var first = await InvokeTogetherAsync(http, "unreserved", logTail: true);
        Assert.All(first, response => Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString()));
        Assert.Equal(Parallel, first.Count(response => response.ReportLine().Contains("Init Duration", StringComparison.Ordinal)));

        // Round two: the twenty environments are idle again and every invocation finds one warm.
        var second = await InvokeTogetherAsync(http, "unreserved", logTail: true);
        Assert.All(second, response =>
        {
            Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
            Assert.DoesNotContain("Init Duration", response.ReportLine(), StringComparison.Ordinal);
        });
    }

    /// <summary>Starts <see cref="Parallel"/> invokes at the same moment and waits for all of them.</summary>
    private static async Task<LambdaHttp.Response[]> InvokeTogetherAsync(LambdaHttp http, string function, bool logTail)
    {
        await http.OpenConnectionsAsync(Parallel);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var invokes = Enumerable.Range(0, Parallel).Select(async index =>
        {
            await start.Task;
            return await http.InvokeAsync(function, JsonEvent(index), logTail);
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(invokes);
    }

    private static string JsonEvent(int index) => JsonSerializer.Serialize(new { index });
}
