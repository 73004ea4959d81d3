using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Asynchronous invocation (<c>InvocationType Event</c>): 202 once queued, AWS's retry rules, and the
/// destination record, observed through a real destination function that writes what it receives to disk.
/// The server runs with a retry base of 1 s, so AWS's 1 and 2 minute retry delays become 1 and 2 seconds.
/// </summary>
[Trait("Backend", "Both")]
public sealed partial class AsyncInvokeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Event_AwsCliGets202_AndTheOnSuccessDestinationReceivesAwsRecord()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1");
        var (lambda, http, recorder) = Setup(server, "success");
        await http.CreateFunctionAsync("echo", TestFunctions.PythonEcho);
        await http.CreateFunctionAsync("recorder", Recorder.DestinationFunction, recorder.Settings());
        await SendOutcomesToRecorderAsync(lambda, "echo", "OnSuccess");

        var output = Path.Combine(lambda.Files, "event-out.json");
        var invoked = await lambda.Aws.SucceedAsync("lambda", "invoke", "--function-name", "echo", "--invocation-type", "Event",
            "--cli-binary-format", "raw-in-base64-out", "--payload", """{"name":"ada"}""", output);
        Assert.Equal(202, invoked.Json.GetProperty("StatusCode").GetInt32());
        Assert.False(invoked.Json.TryGetProperty("ExecutedVersion", out _), "an Event invoke has no executed version");

        var record = Assert.Single(await recorder.RecordsAsync(1, Patience));
        Assert.Equal("1.0", record.GetProperty("version").GetString());
        Assert.Matches(TimestampPattern(), record.GetProperty("timestamp").GetString());
        var context = record.GetProperty("requestContext");
        Assert.True(Guid.TryParse(context.GetProperty("requestId").GetString(), out _), context.ToString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:echo:$LATEST", context.GetProperty("functionArn").GetString());
        Assert.Equal("Success", context.GetProperty("condition").GetString());
        Assert.Equal(1, context.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal("ada", record.GetProperty("requestPayload").GetProperty("name").GetString());
        var response = record.GetProperty("responseContext");
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("$LATEST", response.GetProperty("executedVersion").GetString());
        Assert.False(response.TryGetProperty("functionError", out _), "functionError appears only when there was one");
        Assert.Equal("ADA", record.GetProperty("responsePayload").GetProperty("shout").GetString());
    }

    [Fact]
    public async Task FailingTwiceThenSucceeding_RunsThreeTimesWithOneRequestId_AndTheRecordCountsThree()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1");
        var (lambda, http, recorder) = Setup(server, "flaky");
        await http.CreateFunctionAsync("flaky", Recorder.FlakyFunction, recorder.Settings());
        await http.CreateFunctionAsync("recorder", Recorder.DestinationFunction, recorder.Settings());
        await SendOutcomesToRecorderAsync(lambda, "flaky", "OnSuccess");

        var accepted = await http.InvokeEventAsync("flaky", """{"succeedOnAttempt":3}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var requestId = accepted.Header("x-amzn-RequestId")!;

        var record = Assert.Single(await recorder.RecordsAsync(1, Patience));
        Assert.Equal(requestId, record.GetProperty("requestContext").GetProperty("requestId").GetString());
        Assert.Equal("Success", record.GetProperty("requestContext").GetProperty("condition").GetString());
        Assert.Equal(3, record.GetProperty("requestContext").GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal(3, record.GetProperty("responsePayload").GetProperty("attempt").GetInt32());
        // The function counted its attempts under the request id it was given: all three carried the same one.
        Assert.Equal(3, recorder.Attempts(requestId));
    }

    [Fact]
    public async Task MaximumRetryAttemptsZero_RunsOnce_AndOnFailureGetsRetriesExhaustedWithTheError()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1");
        var (lambda, http, recorder) = Setup(server, "noretry");
        await http.CreateFunctionAsync("failing", Recorder.FlakyFunction, recorder.Settings());
        await http.CreateFunctionAsync("recorder", Recorder.DestinationFunction, recorder.Settings());
        await SendOutcomesToRecorderAsync(lambda, "failing", "OnFailure", "--maximum-retry-attempts", "0");

        var accepted = await http.InvokeEventAsync("failing", """{"note":"never succeeds"}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var requestId = accepted.Header("x-amzn-RequestId")!;

        var record = Assert.Single(await recorder.RecordsAsync(1, Patience));
        var context = record.GetProperty("requestContext");
        Assert.Equal(requestId, context.GetProperty("requestId").GetString());
        Assert.Equal("RetriesExhausted", context.GetProperty("condition").GetString());
        Assert.Equal(1, context.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal("never succeeds", record.GetProperty("requestPayload").GetProperty("note").GetString());
        Assert.Equal("Unhandled", record.GetProperty("responseContext").GetProperty("functionError").GetString());
        Assert.Equal("attempt 1 fails", record.GetProperty("responsePayload").GetProperty("errorMessage").GetString());
        Assert.Equal("RuntimeError", record.GetProperty("responsePayload").GetProperty("errorType").GetString());
        // The record is sent when the event is finished with, so no later attempt can follow it.
        Assert.Equal(1, recorder.Attempts(requestId));
    }

    [Fact]
    public async Task DeprecatedInvokeAsync_AwsCliGetsStatus202_AndTheEventRuns()
    {
        await using var server = await FulmenServer.StartAsync();
        var (lambda, http, recorder) = Setup(server, "legacy");
        await http.CreateFunctionAsync("echo", TestFunctions.PythonEcho);
        await http.CreateFunctionAsync("recorder", Recorder.DestinationFunction, recorder.Settings());
        await SendOutcomesToRecorderAsync(lambda, "echo", "OnSuccess");
        var args = Path.Combine(lambda.Files, "invoke-args.json");
        await File.WriteAllTextAsync(args, """{"name":"grace"}""");

        var invoked = await lambda.Aws.SucceedAsync("lambda", "invoke-async", "--function-name", "echo", "--invoke-args", args);
        Assert.Equal(202, invoked.Json.GetProperty("Status").GetInt32());

        var record = Assert.Single(await recorder.RecordsAsync(1, Patience));
        Assert.Equal("GRACE", record.GetProperty("responsePayload").GetProperty("shout").GetString());
    }

    [Fact]
    public async Task Event_ForAMissingFunction_Is404_AndAnOversizedEventIs413()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new LambdaHttp(server);
        var missing = await http.InvokeEventAsync("nobody", "{}");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);

        await http.CreateFunctionAsync("echo", TestFunctions.PythonEcho);
        var large = await http.InvokeEventAsync("echo", JsonSerializer.Serialize(new { data = new string('x', 1024 * 1024) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.Status);
        Assert.Equal("RequestEntityTooLargeException", large.ErrorType);
        Assert.Contains("is too large for the Event invocation type (limit 1048576 bytes)", large.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>Points the function's <paramref name="condition"/> destination (OnSuccess/OnFailure) at the <c>recorder</c> function.</summary>
    internal static Task SendOutcomesToRecorderAsync(LambdaCli lambda, string function, string condition, params string[] settings) =>
        lambda.Aws.SucceedAsync([
            "lambda", "put-function-event-invoke-config", "--function-name", function, .. settings,
            "--destination-config", $$$"""{"{{{condition}}}":{"Destination":"arn:aws:lambda:us-east-1:000000000000:function:recorder"}}""",
        ]);

    internal static (LambdaCli Lambda, LambdaHttp Http, Recorder Recorder) Setup(FulmenServer server, string name) =>
        (new LambdaCli(server), new LambdaHttp(server), new Recorder(server, name));

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex TimestampPattern();
}
