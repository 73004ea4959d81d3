using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Create/Get/List/Update/DeleteEventSourceMapping for SQS sources through Debian's AWS CLI: AWS's parameters,
/// defaults, states and messages; tags on mapping ARNs. Each mapping's queue is created first: a queue that does not
/// exist is refused, as on AWS.
/// </summary>
[Trait("Backend", "Both")]
public sealed class EventSourceMappingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function";
    private const string QueueArn = "arn:aws:sqs:us-east-1:000000000000";

    private LambdaCli Lambda => fixture.Lambda;

    [Fact]
    public async Task CreateGetListUpdateDisableEnableDelete_FollowAwsStates()
    {
        await CreateFunctionAsync("esm-life");
        await QueueAsync(Lambda, "esm-life-q");
        var created = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-life",
            "--event-source-arn", $"{QueueArn}:esm-life-q", "--batch-size", "5")).Json;
        var uuid = created.GetProperty("UUID").GetString()!;
        Assert.Equal("Creating", created.GetProperty("State").GetString());
        Assert.Equal("USER_INITIATED", created.GetProperty("StateTransitionReason").GetString());
        Assert.Equal($"{FunctionArn}:esm-life", created.GetProperty("FunctionArn").GetString());
        Assert.Equal($"{QueueArn}:esm-life-q", created.GetProperty("EventSourceArn").GetString());
        Assert.Equal(5, created.GetProperty("BatchSize").GetInt32());
        Assert.Equal(0, created.GetProperty("MaximumBatchingWindowInSeconds").GetInt32());
        Assert.Empty(created.GetProperty("FunctionResponseTypes").EnumerateArray());
        // Debian's CLI model predates EventSourceMappingArn: the raw response shows it.
        var raw = await fixture.Http.GetAsync($"/2015-03-31/event-source-mappings/{uuid}");
        Assert.Equal($"arn:aws:lambda:us-east-1:000000000000:event-source-mapping:{uuid}", raw.Json.GetProperty("EventSourceMappingArn").GetString());
        var lastModified = raw.Json.GetProperty("LastModified");
        Assert.Equal(JsonValueKind.Number, lastModified.ValueKind); // epoch seconds with a fraction, as AWS writes it for mappings
        Assert.InRange(lastModified.GetDouble(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.False(created.TryGetProperty("ScalingConfig", out _), created.ToString());
        Assert.False(created.TryGetProperty("FilterCriteria", out _), created.ToString());

        var enabled = await WaitForStateAsync(uuid, "Enabled");
        Assert.Equal("No records processed", enabled.GetProperty("LastProcessingResult").GetString());

        var byFunction = (await Lambda.Aws.SucceedAsync("lambda", "list-event-source-mappings", "--function-name", "esm-life")).Json;
        Assert.Equal([uuid], byFunction.GetProperty("EventSourceMappings").EnumerateArray().Select(m => m.GetProperty("UUID").GetString()));
        var bySource = (await Lambda.Aws.SucceedAsync("lambda", "list-event-source-mappings", "--event-source-arn", $"{QueueArn}:esm-life-q")).Json;
        Assert.Equal([uuid], bySource.GetProperty("EventSourceMappings").EnumerateArray().Select(m => m.GetProperty("UUID").GetString()));

        var updated = (await Lambda.Aws.SucceedAsync("lambda", "update-event-source-mapping", "--uuid", uuid,
            "--batch-size", "50", "--maximum-batching-window-in-seconds", "2", "--function-response-types", "ReportBatchItemFailures",
            "--scaling-config", "MaximumConcurrency=3")).Json;
        Assert.Equal("Updating", updated.GetProperty("State").GetString());
        Assert.Equal(50, updated.GetProperty("BatchSize").GetInt32());
        Assert.Equal(3, updated.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32());
        Assert.Equal(["ReportBatchItemFailures"], updated.GetProperty("FunctionResponseTypes").EnumerateArray().Select(t => t.GetString()));
        await WaitForStateAsync(uuid, "Enabled");

        var disabling = (await Lambda.Aws.SucceedAsync("lambda", "update-event-source-mapping", "--uuid", uuid, "--no-enabled")).Json;
        Assert.Equal("Disabling", disabling.GetProperty("State").GetString());
        await WaitForStateAsync(uuid, "Disabled");
        var enabling = (await Lambda.Aws.SucceedAsync("lambda", "update-event-source-mapping", "--uuid", uuid, "--enabled")).Json;
        Assert.Equal("Enabling", enabling.GetProperty("State").GetString());
        var again = await WaitForStateAsync(uuid, "Enabled");
        Assert.Equal(2, again.GetProperty("MaximumBatchingWindowInSeconds").GetInt32());

        var deleting = (await Lambda.Aws.SucceedAsync("lambda", "delete-event-source-mapping", "--uuid", uuid)).Json;
        Assert.Equal("Deleting", deleting.GetProperty("State").GetString());
        await WaitForGoneAsync(uuid);
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-event-source-mapping", "--uuid", uuid),
            "ResourceNotFoundException", "GetEventSourceMapping", "The resource you requested does not exist.");
    }

    [Fact]
    public async Task Create_Disabled_SettlesInDisabled()
    {
        await CreateFunctionAsync("esm-disabled");
        await QueueAsync(Lambda, "esm-disabled-q");
        var created = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-disabled",
            "--event-source-arn", $"{QueueArn}:esm-disabled-q", "--no-enabled")).Json;
        var settled = await WaitForStateAsync(created.GetProperty("UUID").GetString()!, "Disabled");
        Assert.Equal(10, settled.GetProperty("BatchSize").GetInt32());
    }

    [Theory]
    [InlineData("esm-qualified:$LATEST", "esm-qualified:$LATEST")]
    [InlineData(FunctionArn + ":esm-qualified", "esm-qualified")]
    [InlineData(FunctionArn + ":esm-qualified:$LATEST", "esm-qualified:$LATEST")]
    public async Task Create_FunctionNameForms_FunctionArnAsNamed(string functionName, string expected)
    {
        await CreateFunctionAsync("esm-qualified");
        var queue = await QueueAsync(Lambda, $"esm-q-{Math.Abs(functionName.GetHashCode(StringComparison.Ordinal))}");
        var created = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", functionName, "--event-source-arn", queue)).Json;
        Assert.Equal($"{FunctionArn}:{expected}", created.GetProperty("FunctionArn").GetString());
    }

    [Fact]
    public async Task Create_SameFunctionAndQueueTwice_ResourceConflictException()
    {
        await CreateFunctionAsync("esm-twice");
        await QueueAsync(Lambda, "esm-twice-q");
        var first = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-twice", "--event-source-arn", $"{QueueArn}:esm-twice-q")).Json;
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-twice", "--event-source-arn", $"{QueueArn}:esm-twice-q"),
            "ResourceConflictException", "CreateEventSourceMapping",
            $"An event source mapping with SQS arn (\" {QueueArn}:esm-twice-q \") and function (\" esm-twice \") already exists. Please update or delete the existing mapping with UUID {first.GetProperty("UUID").GetString()}");
    }

    [Fact]
    public async Task Update_FunctionName_MovesTheMapping_UnlessThatFunctionHasOneForTheQueue()
    {
        await CreateFunctionAsync("esm-move-a");
        await CreateFunctionAsync("esm-move-b");
        await QueueAsync(Lambda, "esm-move-q");
        await QueueAsync(Lambda, "esm-move-q2");
        var a = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-move-a", "--event-source-arn", $"{QueueArn}:esm-move-q")).Json;
        var b = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-move-b", "--event-source-arn", $"{QueueArn}:esm-move-q2")).Json;
        var uuidB = b.GetProperty("UUID").GetString()!;
        await WaitForStateAsync(uuidB, "Enabled");

        var moved = (await Lambda.Aws.SucceedAsync("lambda", "update-event-source-mapping", "--uuid", uuidB, "--function-name", "esm-move-a")).Json;
        Assert.Equal($"{FunctionArn}:esm-move-a", moved.GetProperty("FunctionArn").GetString());
        await WaitForStateAsync(uuidB, "Enabled");

        var uuidA = a.GetProperty("UUID").GetString()!;
        await WaitForStateAsync(uuidA, "Enabled");
        await Lambda.Aws.SucceedAsync("lambda", "update-event-source-mapping", "--uuid", uuidB, "--function-name", "esm-move-b");
        await WaitForStateAsync(uuidB, "Enabled");
        var c = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-move-b", "--event-source-arn", $"{QueueArn}:esm-move-q")).Json;
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "update-event-source-mapping", "--uuid", uuidA, "--function-name", "esm-move-b"),
            "ResourceConflictException", "UpdateEventSourceMapping",
            $"An event source mapping with SQS arn (\" {QueueArn}:esm-move-q \") and function (\" esm-move-b \") already exists. Please update or delete the existing mapping with UUID {c.GetProperty("UUID").GetString()}");
    }

    [Theory]
    [InlineData("InvalidParameterValueException", "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10", "--batch-size", "11")]
    [InlineData("ValidationException", "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000", "--batch-size", "10001", "--maximum-batching-window-in-seconds", "1")]
    [InlineData("ValidationException", "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1", "--batch-size", "0")]
    [InlineData("ValidationException", "1 validation error detected: Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300", "--maximum-batching-window-in-seconds", "301")]
    [InlineData("ValidationException", "1 validation error detected: Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 2", "--scaling-config", "MaximumConcurrency=1")]
    [InlineData("ValidationException", "1 validation error detected: Value '1001' at 'scalingConfig.maximumConcurrency'", "--scaling-config", "MaximumConcurrency=1001")]
    [InlineData("ValidationException", "1 validation error detected: Value '[Everything]' at 'functionResponseTypes'", "--function-response-types", "Everything")]
    [InlineData("InvalidParameterValueException", "Invalid filter pattern definition.", "--filter-criteria", """{"Filters":[{"Pattern":"not json"}]}""")]
    [InlineData("InvalidParameterValueException", "Unsupported DestinationConfig parameter for given event source mapping type.", "--destination-config", """{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:000000000000:dlq"}}""")]
    public async Task Create_InvalidSettings_AwsErrors(string errorCode, string message, params string[] settings)
    {
        await CreateFunctionAsync("esm-invalid");
        LambdaCli.AssertServiceError(await Lambda.Unvalidated.RunAsync(["lambda", "create-event-source-mapping", "--function-name", "esm-invalid",
                "--event-source-arn", $"{QueueArn}:esm-invalid-q", .. settings]),
            errorCode, "CreateEventSourceMapping", message);
    }

    [Fact]
    public async Task Create_SixFilters_InvalidParameterValueException()
    {
        await CreateFunctionAsync("esm-filters");
        var filters = string.Join(",", Enumerable.Range(0, 6).Select(i => $$$"""{"Pattern":"{\"body\":{\"n\":[{{{i}}}]}}"}"""));
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-filters",
                "--event-source-arn", $"{QueueArn}:esm-filters-q", "--filter-criteria", $$"""{"Filters":[{{filters}}]}"""),
            "InvalidParameterValueException", "CreateEventSourceMapping", "The number of filters in FilterCriteria exceeds the limit of 5.");
    }

    [Fact]
    public async Task Create_FilterCriteria_StoredAndShown()
    {
        await CreateFunctionAsync("esm-filtered");
        await QueueAsync(Lambda, "esm-filtered-q");
        const string Pattern = """{"body":{"kind":["order"]}}""";
        var criteria = JsonSerializer.Serialize(new { Filters = new[] { new { Pattern } } });
        var created = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-filtered",
            "--event-source-arn", $"{QueueArn}:esm-filtered-q", "--filter-criteria", criteria)).Json;
        var got = await WaitForStateAsync(created.GetProperty("UUID").GetString()!, "Enabled");
        Assert.Equal(Pattern, got.GetProperty("FilterCriteria").GetProperty("Filters")[0].GetProperty("Pattern").GetString());
    }

    [Fact]
    public async Task Create_FifoQueueBatchAboveTen_InvalidParameterValueException()
    {
        await CreateFunctionAsync("esm-fifo");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-fifo",
                "--event-source-arn", $"{QueueArn}:esm-fifo-q.fifo", "--batch-size", "20", "--maximum-batching-window-in-seconds", "1"),
            "InvalidParameterValueException", "CreateEventSourceMapping", "Maximum batch size must be between 1 and 10 inclusive");
    }

    [Theory]
    [InlineData("not-an-arn", "ValidationException", "1 validation error detected: Value 'not-an-arn' at 'eventSourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern")]
    [InlineData("arn:aws:kinesis:us-east-1:000000000000:stream/s", "InvalidParameterValueException", "Unrecognized event source.")]
    public async Task Create_SourceNotAnSqsArn_AwsErrors(string source, string errorCode, string message)
    {
        await CreateFunctionAsync("esm-source");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-source", "--event-source-arn", source),
            errorCode, "CreateEventSourceMapping", message);
    }

    [Fact]
    public async Task Create_QueueMissing_InvalidParameterValueException_AsAws()
    {
        await CreateFunctionAsync("esm-noqueue");
        const string Message = "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it.";
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-noqueue", "--event-source-arn", $"{QueueArn}:esm-noqueue-q"),
            "InvalidParameterValueException", "CreateEventSourceMapping", Message);
        // A queue of that name in another account or region is not this server's either.
        await QueueAsync(Lambda, "esm-noqueue-q");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-noqueue",
                "--event-source-arn", "arn:aws:sqs:eu-west-1:000000000000:esm-noqueue-q"),
            "InvalidParameterValueException", "CreateEventSourceMapping", Message);
        Assert.Empty((await Lambda.Aws.SucceedAsync("lambda", "list-event-source-mappings", "--function-name", "esm-noqueue")).Json
            .GetProperty("EventSourceMappings").EnumerateArray());
        // Once the queue exists, the same request succeeds.
        await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-noqueue", "--event-source-arn", $"{QueueArn}:esm-noqueue-q");
    }

    [Fact]
    public async Task Create_FifoQueueBatchingWindow_InvalidParameterValueException()
    {
        // The settings are checked before the queue: no FIFO queue is needed to see the refusal.
        await CreateFunctionAsync("esm-fifo-window");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-fifo-window",
                "--event-source-arn", $"{QueueArn}:esm-fifo-window.fifo", "--maximum-batching-window-in-seconds", "5"),
            "InvalidParameterValueException", "CreateEventSourceMapping", "Batching window is not supported for FIFO queues");
    }

    [Fact]
    public async Task Create_FunctionMissing_InvalidParameterValueException()
    {
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-event-source-mapping", "--function-name", "esm-nobody", "--event-source-arn", $"{QueueArn}:esm-nobody-q"),
            "InvalidParameterValueException", "CreateEventSourceMapping", "Function does not exist");
    }

    [Fact]
    public async Task GetUpdateDelete_UnknownUuid_ResourceNotFoundException()
    {
        const string Unknown = "0f4c1a4e-0000-4000-8000-000000000000";
        foreach (var (operation, command) in new[] { ("GetEventSourceMapping", "get-event-source-mapping"), ("UpdateEventSourceMapping", "update-event-source-mapping"), ("DeleteEventSourceMapping", "delete-event-source-mapping") })
        {
            LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", command, "--uuid", Unknown),
                "ResourceNotFoundException", operation, "The resource you requested does not exist.");
        }
    }

    [Fact]
    public async Task Tags_OnMappingArn_TagListUntag()
    {
        await CreateFunctionAsync("esm-tags");
        await QueueAsync(Lambda, "esm-tags-q");
        // Tags at creation go over HTTP: Debian's CLI model predates CreateEventSourceMapping's Tags.
        var created = await fixture.Http.SendAsync(HttpMethod.Post, "/2015-03-31/event-source-mappings/",
            $$$"""{"FunctionName":"esm-tags","EventSourceArn":"{{{QueueArn}}}:esm-tags-q","Tags":{"team":"orders"}}""");
        Assert.True(created.Status == HttpStatusCode.Accepted, created.ToString());
        var arn = created.Json.GetProperty("EventSourceMappingArn").GetString()!;
        Assert.Equal("orders", (await Lambda.Aws.SucceedAsync("lambda", "list-tags", "--resource", arn)).Json.GetProperty("Tags").GetProperty("team").GetString());

        await Lambda.Aws.SucceedAsync("lambda", "tag-resource", "--resource", arn, "--tags", "stage=prod");
        await Lambda.Aws.SucceedAsync("lambda", "untag-resource", "--resource", arn, "--tag-keys", "team");
        var tags = (await Lambda.Aws.SucceedAsync("lambda", "list-tags", "--resource", arn)).Json.GetProperty("Tags");
        Assert.Equal(["stage"], tags.EnumerateObject().Select(p => p.Name));

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "list-tags", "--resource", "arn:aws:lambda:us-east-1:000000000000:event-source-mapping:0f4c1a4e-0000-4000-8000-000000000000"),
            "ResourceNotFoundException", "ListTags", "The resource you requested does not exist.");
    }

    [Fact]
    public async Task DeleteFunction_KeepsItsMappings()
    {
        await CreateFunctionAsync("esm-orphan");
        await QueueAsync(Lambda, "esm-orphan-q");
        var created = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-orphan", "--event-source-arn", $"{QueueArn}:esm-orphan-q")).Json;
        var uuid = created.GetProperty("UUID").GetString()!;
        await WaitForStateAsync(uuid, "Enabled");
        await Lambda.Aws.SucceedAsync("lambda", "delete-function", "--function-name", "esm-orphan");
        var kept = (await Lambda.Aws.SucceedAsync("lambda", "get-event-source-mapping", "--uuid", uuid)).Json;
        Assert.Equal($"{FunctionArn}:esm-orphan", kept.GetProperty("FunctionArn").GetString());
    }

    [Fact]
    public async Task List_MaxItems_PagesWithNextMarker()
    {
        await CreateFunctionAsync("esm-pages");
        var uuids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = (await Lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-pages", "--event-source-arn",
                await QueueAsync(Lambda, $"esm-pages-{i}"))).Json;
            uuids.Add(created.GetProperty("UUID").GetString()!);
        }
        var first = await fixture.Http.GetAsync("/2015-03-31/event-source-mappings/?FunctionName=esm-pages&MaxItems=2");
        Assert.True(first.Status == HttpStatusCode.OK, first.ToString());
        var marker = first.Json.GetProperty("NextMarker").GetString()!;
        var second = await fixture.Http.GetAsync($"/2015-03-31/event-source-mappings/?FunctionName=esm-pages&MaxItems=2&Marker={Uri.EscapeDataString(marker)}");
        Assert.False(second.Json.TryGetProperty("NextMarker", out _), second.ToString());
        var listed = first.Json.GetProperty("EventSourceMappings").EnumerateArray().Concat(second.Json.GetProperty("EventSourceMappings").EnumerateArray())
            .Select(m => m.GetProperty("UUID").GetString()!).ToList();
        Assert.Equal(uuids.Order(StringComparer.Ordinal), listed);

        // The CLI follows the markers itself.
        var all = (await Lambda.Aws.SucceedAsync("lambda", "list-event-source-mappings", "--function-name", "esm-pages", "--page-size", "1")).Json;
        Assert.Equal(3, all.GetProperty("EventSourceMappings").GetArrayLength());
    }

    [Fact]
    public async Task Restart_KeepsMappings()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        await http.CreateFunctionAsync("esm-restart", TestFunctions.NodeEcho);
        await QueueAsync(lambda, "esm-restart-q");
        var created = (await lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "esm-restart",
            "--event-source-arn", $"{QueueArn}:esm-restart-q", "--batch-size", "7")).Json;
        var uuid = created.GetProperty("UUID").GetString()!;
        var mappingArn = $"arn:aws:lambda:us-east-1:000000000000:event-source-mapping:{uuid}";
        await lambda.Aws.SucceedAsync("lambda", "tag-resource", "--resource", mappingArn, "--tags", "k=v");
        await WaitForStateAsync(lambda, uuid, "Enabled");

        Assert.Equal(0, await server.StopAsync());
        await server.RestartAsync();

        var after = (await lambda.Aws.SucceedAsync("lambda", "get-event-source-mapping", "--uuid", uuid)).Json;
        Assert.Equal("Enabled", after.GetProperty("State").GetString());
        Assert.Equal(7, after.GetProperty("BatchSize").GetInt32());
        Assert.Equal(created.GetProperty("LastModified").GetString(), after.GetProperty("LastModified").GetString());
        Assert.Equal("v", (await lambda.Aws.SucceedAsync("lambda", "list-tags", "--resource", mappingArn)).Json.GetProperty("Tags").GetProperty("k").GetString());
    }

    /// <summary>Creates the queue (again: SQS answers a second identical create with the same queue); its ARN.</summary>
    private static async Task<string> QueueAsync(LambdaCli lambda, string name)
    {
        await lambda.Aws.SucceedAsync("sqs", "create-queue", "--queue-name", name);
        return $"{QueueArn}:{name}";
    }

    /// <summary>Creates the function once: theory cases share it.</summary>
    private async Task CreateFunctionAsync(string name)
    {
        var request = LambdaHttp.CreateFunctionRequest(name, TestFunctions.NodeEcho, TestFunctions.NodeEcho.Zip(fixture.Server, $"{name}-{Guid.NewGuid():N}"));
        var response = await fixture.Http.CreateFunctionAsync(request.ToJsonString());
        Assert.True(response.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"CreateFunction {name}: {response}");
    }

    private Task<JsonElement> WaitForStateAsync(string uuid, string state) => WaitForStateAsync(Lambda, uuid, state);

    /// <summary>States settle asynchronously, as on AWS: asks until the mapping is in <paramref name="state"/> (guard: 30 s).</summary>
    private static async Task<JsonElement> WaitForStateAsync(LambdaCli lambda, string uuid, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var mapping = (await lambda.Aws.SucceedAsync("lambda", "get-event-source-mapping", "--uuid", uuid)).Json;
            if (mapping.GetProperty("State").GetString() == state)
            {
                return mapping;
            }
            Assert.True(DateTime.UtcNow < deadline, $"mapping {uuid} never reached {state}: {mapping}");
        }
    }

    private async Task WaitForGoneAsync(string uuid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await fixture.Http.GetAsync($"/2015-03-31/event-source-mappings/{uuid}")).Status != HttpStatusCode.NotFound)
        {
            Assert.True(DateTime.UtcNow < deadline, $"mapping {uuid} was never removed");
        }
    }
}
