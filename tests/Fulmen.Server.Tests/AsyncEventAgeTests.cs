using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// A throttled event is queued (202), backed off, and when its maximum age runs out it goes to the
/// failure destination as EventAgeExceeded without the function ever running. The age is real time (60 s,
/// AWS's minimum); the retry base of 1 s only shortens the back-off between throttled attempts.
/// </summary>
public sealed class AsyncEventAgeTests
{
    [Fact]
    public async Task ReservedConcurrencyZero_EventIsAccepted_AndEndsAsEventAgeExceededWithoutRunning()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1");
        var (lambda, http, recorder) = AsyncInvokeTests.Setup(server, "age");
        await http.CreateFunctionAsync("blocked", Recorder.FlakyFunction, recorder.Settings());
        await http.CreateFunctionAsync("recorder", Recorder.DestinationFunction, recorder.Settings());
        await lambda.Aws.SucceedAsync("lambda", "put-function-concurrency", "--function-name", "blocked", "--reserved-concurrent-executions", "0");
        await AsyncInvokeTests.SendOutcomesToRecorderAsync(lambda, "blocked", "OnFailure", "--maximum-event-age-in-seconds", "60");

        var accepted = await http.InvokeEventAsync("blocked", """{"succeedOnAttempt":1}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var requestId = accepted.Header("x-amzn-RequestId")!;

        var record = Assert.Single(await recorder.RecordsAsync(1, TimeSpan.FromSeconds(150)));
        var context = record.GetProperty("requestContext");
        Assert.Equal(requestId, context.GetProperty("requestId").GetString());
        Assert.Equal("EventAgeExceeded", context.GetProperty("condition").GetString());
        Assert.Equal(0, context.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal(1, record.GetProperty("requestPayload").GetProperty("succeedOnAttempt").GetInt32());
        Assert.False(record.TryGetProperty("responseContext", out _), "the function never ran, so there is no response");
        Assert.Equal(0, recorder.Attempts(requestId));
    }
}
