using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Asynchronous invocation settings (Put/Get/Update/List/DeleteFunctionEventInvokeConfig) and DeadLetterConfig,
/// through Debian's AWS CLI, with AWS's response shapes, error types and messages.
/// </summary>
[Trait("Backend", "Both")]
public sealed class EventInvokeConfigTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function";

    private LambdaCli Lambda => fixture.Lambda;

    [Fact]
    public async Task PutGetUpdateListDelete_DestinationIsAnotherFunction_RoundTripsWithQualifiedArn()
    {
        await CreateAsync("eic-source");
        await CreateAsync("eic-recorder");
        var recorder = $"{Arn}:eic-recorder";

        var put = (await Lambda.Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "eic-source",
            "--maximum-retry-attempts", "1", "--destination-config", DestinationConfig("OnSuccess", recorder))).Json;
        Assert.Equal($"{Arn}:eic-source:$LATEST", put.GetProperty("FunctionArn").GetString());
        Assert.Equal(1, put.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.False(put.TryGetProperty("MaximumEventAgeInSeconds", out _), $"an unset member is omitted: {put}");
        AssertDestinations(put, onSuccess: recorder, onFailure: null);

        var got = (await Lambda.Aws.SucceedAsync("lambda", "get-function-event-invoke-config", "--function-name", "eic-source")).Json;
        Assert.Equal(Compact(put), Compact(got));

        // Update merges: the retries and the destination stay, the age is added.
        var updated = (await Lambda.Aws.SucceedAsync("lambda", "update-function-event-invoke-config", "--function-name", "eic-source",
            "--maximum-event-age-in-seconds", "3600")).Json;
        Assert.Equal(1, updated.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(3600, updated.GetProperty("MaximumEventAgeInSeconds").GetInt32());
        AssertDestinations(updated, onSuccess: recorder, onFailure: null);

        // Put replaces: what it does not give is gone.
        var replaced = (await Lambda.Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", $"{Arn}:eic-source",
            "--qualifier", "$LATEST", "--destination-config", DestinationConfig("OnFailure", recorder))).Json;
        Assert.False(replaced.TryGetProperty("MaximumRetryAttempts", out _), $"Put replaces the whole config: {replaced}");
        Assert.False(replaced.TryGetProperty("MaximumEventAgeInSeconds", out _), $"Put replaces the whole config: {replaced}");
        AssertDestinations(replaced, onSuccess: null, onFailure: recorder);

        var listed = (await Lambda.Aws.SucceedAsync("lambda", "list-function-event-invoke-configs", "--function-name", "eic-source")).Json;
        var only = Assert.Single(listed.GetProperty("FunctionEventInvokeConfigs").EnumerateArray());
        Assert.Equal(Compact(replaced), Compact(only));

        await Lambda.Aws.SucceedAsync("lambda", "delete-function-event-invoke-config", "--function-name", "eic-source");
        var afterDelete = (await Lambda.Aws.SucceedAsync("lambda", "list-function-event-invoke-configs", "--function-name", "eic-source")).Json;
        Assert.Empty(afterDelete.GetProperty("FunctionEventInvokeConfigs").EnumerateArray());
    }

    [Fact]
    public async Task Get_OverHttp_LastModifiedIsEpochSecondsAndEmptyDestinationIsEmptyObject()
    {
        await CreateAsync("eic-raw");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await Lambda.Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "eic-raw", "--maximum-retry-attempts", "0");

        var response = await fixture.Http.GetAsync("/2019-09-25/functions/eic-raw/event-invoke-config");

        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var config = response.Json;
        var lastModified = config.GetProperty("LastModified");
        Assert.Equal(JsonValueKind.Number, lastModified.ValueKind);
        Assert.InRange(lastModified.GetDouble(), before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(0, config.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal("""{"OnSuccess":{},"OnFailure":{}}""", config.GetProperty("DestinationConfig").GetRawText());
    }

    [Fact]
    public async Task Put_RetriesAboveTwo_ValidationException()
    {
        await CreateAsync("eic-retries");
        LambdaCli.AssertServiceError(await PutAsync(Lambda.Aws, "eic-retries", "--maximum-retry-attempts", "3"),
            "ValidationException", "PutFunctionEventInvokeConfig",
            "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2");
    }

    [Fact]
    public async Task Put_EventAgeBelowSixtySeconds_ValidationException()
    {
        await CreateAsync("eic-age");
        // The CLI refuses values under the model's minimum itself; the unvalidated one lets the server answer.
        LambdaCli.AssertServiceError(await PutAsync(Lambda.Unvalidated, "eic-age", "--maximum-event-age-in-seconds", "30"),
            "ValidationException", "PutFunctionEventInvokeConfig",
            "1 validation error detected: Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60");
    }

    [Fact]
    public async Task Put_DestinationFunctionMissing_InvalidParameterValueException()
    {
        await CreateAsync("eic-missing-destination");
        var missing = $"{Arn}:no-such-recorder";
        LambdaCli.AssertServiceError(await PutAsync(Lambda.Aws, "eic-missing-destination",
                "--destination-config", DestinationConfig("OnFailure", missing)),
            "InvalidParameterValueException", "PutFunctionEventInvokeConfig", $"The destination ARN {missing} is invalid.");
    }

    [Fact]
    public async Task Put_FunctionAsItsOwnDestination_InvalidParameterValueException()
    {
        await CreateAsync("eic-self");
        LambdaCli.AssertServiceError(await PutAsync(Lambda.Aws, "eic-self",
                "--destination-config", DestinationConfig("OnSuccess", $"{Arn}:eic-self")),
            "InvalidParameterValueException", "PutFunctionEventInvokeConfig", "You can't specify the function as a destination for itself.");
    }

    [Fact]
    public async Task Put_NoSettings_InvalidParameterValueException()
    {
        await CreateAsync("eic-nothing");
        LambdaCli.AssertServiceError(await PutAsync(Lambda.Aws, "eic-nothing"),
            "InvalidParameterValueException", "PutFunctionEventInvokeConfig", "You must specify at least one of error handling or destination setting.");
    }

    [Fact]
    public async Task Put_FunctionMissing_ResourceNotFoundException()
    {
        LambdaCli.AssertServiceError(await PutAsync(Lambda.Aws, "eic-no-such-function", "--maximum-retry-attempts", "1"),
            "ResourceNotFoundException", "PutFunctionEventInvokeConfig", "The function doesn't exist.");
    }

    [Fact]
    public async Task Get_AfterDelete_ResourceNotFoundExceptionNamingQualifiedArn()
    {
        await CreateAsync("eic-deleted");
        await Lambda.Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "eic-deleted", "--maximum-retry-attempts", "2");
        await Lambda.Aws.SucceedAsync("lambda", "delete-function-event-invoke-config", "--function-name", "eic-deleted");

        var message = $"The function {Arn}:eic-deleted:$LATEST doesn't have an EventInvokeConfig";
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function-event-invoke-config", "--function-name", "eic-deleted"),
            "ResourceNotFoundException", "GetFunctionEventInvokeConfig", message);
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "delete-function-event-invoke-config", "--function-name", "eic-deleted"),
            "ResourceNotFoundException", "DeleteFunctionEventInvokeConfig", message);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_DeadLetterConfigSqsQueue_ShownUntilClearedWithEmptyTarget()
    {
        const string Queue = "arn:aws:sqs:us-east-1:000000000000:eic-dlq";
        await CreateAsync("eic-dlq");
        var fresh = (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", "eic-dlq")).Json;
        Assert.False(fresh.TryGetProperty("DeadLetterConfig", out _), $"AWS omits DeadLetterConfig when none is set: {fresh}");

        await Lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "eic-dlq", "--dead-letter-config", $"TargetArn={Queue}");
        var configured = (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", "eic-dlq")).Json;
        Assert.Equal(Queue, configured.GetProperty("DeadLetterConfig").GetProperty("TargetArn").GetString());

        await Lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "eic-dlq", "--dead-letter-config", "TargetArn=");
        var cleared = (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", "eic-dlq")).Json;
        Assert.False(cleared.TryGetProperty("DeadLetterConfig", out _), $"an empty TargetArn removes the target: {cleared}");
    }

    [Fact]
    public async Task CreateFunction_DeadLetterConfigSnsTopic_InTheConfiguration()
    {
        const string Topic = "arn:aws:sns:us-east-1:000000000000:eic-failures";
        var (_, created) = await Lambda.CreateAsync("eic-dlq-topic", TestFunctions.NodeEcho, "--dead-letter-config", $"TargetArn={Topic}");
        Assert.Equal(Topic, created.GetProperty("DeadLetterConfig").GetProperty("TargetArn").GetString());
    }

    [Theory]
    [InlineData("eic-dlq-bucket", "arn:aws:s3:::eic-bucket", "The service specified by the TargetArn is not supported for dead letter configuration.")]
    [InlineData("eic-dlq-region", "arn:aws:sqs:eu-west-1:000000000000:eic-dlq", "The resource specified by the TargetArn must be in the same region as the Lambda function it's associated with.")]
    [InlineData("eic-dlq-fifo", "arn:aws:sqs:us-east-1:000000000000:eic-dlq.fifo", "FIFO SQS queue is not supported for dead letter configuration")]
    public async Task UpdateFunctionConfiguration_DeadLetterTargetNotStandardQueueOrTopic_InvalidParameterValueException(string function, string target, string problem)
    {
        await CreateAsync(function);
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "update-function-configuration", "--function-name", function,
                "--dead-letter-config", $"TargetArn={target}"),
            "InvalidParameterValueException", "UpdateFunctionConfiguration", $"Invalid dead letter queue ARN: {problem}");
        var unchanged = (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", function)).Json;
        Assert.False(unchanged.TryGetProperty("DeadLetterConfig", out _), $"a refused target is not stored: {unchanged}");
    }

    /// <summary>The <c>--destination-config</c> JSON with one destination.</summary>
    private static string DestinationConfig(string member, string arn) => $$$"""{"{{{member}}}":{"Destination":"{{{arn}}}"}}""";

    private Task CreateAsync(string name) => fixture.Http.CreateFunctionAsync(name, TestFunctions.NodeEcho);

    private static Task<AwsCli.Result> PutAsync(AwsCli cli, string function, params string[] settings) =>
        cli.RunAsync(["lambda", "put-function-event-invoke-config", "--function-name", function, .. settings]);

    private static string Compact(JsonElement json) => JsonSerializer.Serialize(json);

    /// <summary>Both destinations are always present: <c>{"Destination": arn}</c>, or <c>{}</c> when unset.</summary>
    private static void AssertDestinations(JsonElement config, string? onSuccess, string? onFailure)
    {
        var destinations = config.GetProperty("DestinationConfig");
        foreach (var (member, expected) in new[] { ("OnSuccess", onSuccess), ("OnFailure", onFailure) })
        {
            var destination = destinations.GetProperty(member);
            Assert.Equal(expected, destination.TryGetProperty("Destination", out var arn) ? arn.GetString() : null);
        }
    }
}
