using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fulmen.Lambda.CloudWatchEvents;
using Fulmen.Lambda.CloudWatchEvents.ScheduledEvents;
using Fulmen.Lambda.CloudWatchLogsEvents;
using Fulmen.Lambda.CodeCommitEvents;
using Fulmen.Lambda.CodePipelineEvents;
using Fulmen.Lambda.ConfigEvents;
using Fulmen.Lambda.S3Events;
using Fulmen.Lambda.Serialization.SystemTextJson;
using Fulmen.Lambda.SimpleEmailEvents;
using Fulmen.Lambda.SimpleEmailEvents.Actions;

namespace Fulmen.Lambda.Events.Tests;

public sealed class ServiceEventCases : EventCases
{
    public override IEnumerable<(string Fixture, Type Model)> Cases =>
    [
        ("s3.json", typeof(S3Event)),
        ("s3-batch-v1.json", typeof(S3BatchJobEvent)),
        ("s3-batch-v2.json", typeof(S3BatchJobEvent)),
        ("s3-batch.response.json", typeof(S3BatchJobResponse)),
        ("eventbridge.json", typeof(CloudWatchEvent<JsonElement>)),
        ("eventbridge.json", typeof(CloudWatchEvent<OrderPlacedDetail>)),
        ("eventbridge-scheduled.json", typeof(ScheduledEvent)),
        ("cloudwatch-logs.json", typeof(CloudWatchLogsEvent)),
        ("cloudwatch-logs.decoded.json", typeof(CloudWatchLogsData)),
        ("ses.json", typeof(SimpleEmailEvent<LambdaReceiptAction>)),
        ("ses.response.json", typeof(SimpleEmailResponse)),
        ("codecommit.json", typeof(CodeCommitEvent)),
        ("codepipeline.json", typeof(CodePipelineJobEvent)),
        ("config-rule.json", typeof(ConfigEvent)),
        // IoT rules and Step Functions tasks send whatever JSON the rule's SELECT or the state's input is:
        // there is no envelope to model, so a function reads JsonElement or a class of its own.
        ("iot-rule.json", typeof(JsonElement)),
        ("iot-rule.json", typeof(GreenhouseTelemetry)),
        ("step-functions.json", typeof(JsonElement)),
        ("step-functions.json", typeof(OrderTaskInput)),
    ];
}

public sealed class ServiceEventTests
{
    private static readonly DefaultLambdaJsonSerializer Serializer = new();

    public static TheoryData<string, Type> Examples => EventCases.Of<ServiceEventCases>();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_RoundTrips(string fixture, Type model) => EventJson.AssertRoundTrips(fixture, model);

    [Fact]
    public void S3_Record_GivesBucketDecodedKeySizeAndTime()
    {
        var record = Assert.Single(Read<S3Event>("s3.json").Records!);

        Assert.Equal("ObjectCreated:Put", record.EventName);
        Assert.Equal("acme-invoices-euw1", record.S3!.Bucket!.Name);
        Assert.Equal("incoming/2024/May report (1).pdf", WebUtility.UrlDecode(record.S3.Object!.Key));
        Assert.Equal(284913L, record.S3.Object.Size);
        Assert.Equal("4F7A2B9C1D3E5F60", record.ResponseElements!.XAmzRequestId);
        Assert.Equal("198.51.100.24", record.RequestParameters!.SourceIPAddress);
        Assert.Equal(new DateTime(2024, 5, 24, 14, 50, 12, 345, DateTimeKind.Utc), record.EventTime.ToUniversalTime());
        Assert.Null(record.GlacierEventData);
    }

    [Fact]
    public void S3Batch_BothSchemaVersions_ReadIntoOneModel()
    {
        var v1 = Read<S3BatchJobEvent>("s3-batch-v1.json");
        var v2 = Read<S3BatchJobEvent>("s3-batch-v2.json");

        var task1 = Assert.Single(v1.Tasks!);
        Assert.Equal("arn:aws:s3:::acme-media-archive", task1.S3BucketArn);
        Assert.Null(task1.S3VersionId);
        Assert.Null(v1.Job!.UserArguments);

        var task2 = Assert.Single(v2.Tasks!);
        Assert.Equal("acme-media-archive", task2.S3Bucket);
        Assert.Null(task2.S3BucketArn);
        Assert.Equal("GLACIER_IR", v2.Job!.UserArguments!["targetStorage"]);
        Assert.Equal("archive/2023/photo 002.jpg", Uri.UnescapeDataString(task2.S3Key!));
    }

    [Fact]
    public void S3BatchResponse_BuiltInCode_IsTheJsonS3Expects()
    {
        var request = Read<S3BatchJobEvent>("s3-batch-v1.json");
        var task = request.Tasks![0];
        var response = new S3BatchJobResponse
        {
            InvocationSchemaVersion = request.InvocationSchemaVersion,
            TreatMissingKeysAs = S3BatchJobResponse.PermanentFailure,
            InvocationId = request.InvocationId,
            Results =
            [
                new S3BatchJobResponse.S3BatchJobResult
                {
                    TaskId = task.TaskId,
                    ResultCode = S3BatchJobResponse.Succeeded,
                    ResultString = "copied to acme-media-cold/" + Uri.UnescapeDataString(task.S3Key!),
                },
            ],
        };

        AssertJsonEquals(File.ReadAllText(EventJson.PathOf("s3-batch.response.json")), Write(response));
    }

    [Fact]
    public void EventBridge_Detail_ReadsAsJsonElementOrAsOwnClass()
    {
        var loose = Read<CloudWatchEvent<JsonElement>>("eventbridge.json");
        Assert.Equal("ord-7781", loose.Detail.GetProperty("orderId").GetString());

        var typed = Read<CloudWatchEvent<OrderPlacedDetail>>("eventbridge.json");
        Assert.Equal("OrderPlaced", typed.DetailType);
        Assert.Equal("com.example.orders", typed.Source);
        Assert.Equal(59.9m, typed.Detail!.Total);
        Assert.Equal("EUR", typed.Detail.Currency);
        Assert.Equal(new DateTime(2024, 5, 24, 14, 20, 0, DateTimeKind.Utc), typed.Time.ToUniversalTime());
        Assert.Equal("arn:aws:dynamodb:eu-west-1:111122223333:table/Orders", Assert.Single(typed.Resources!));
        Assert.Null(typed.ReplayName);
    }

    [Fact]
    public void Scheduled_Event_GivesRuleAndTime()
    {
        ICloudWatchEvent<Detail> scheduled = Read<ScheduledEvent>("eventbridge-scheduled.json");

        Assert.Equal("Scheduled Event", scheduled.DetailType);
        Assert.Equal("aws.events", scheduled.Source);
        Assert.NotNull(scheduled.Detail);
        Assert.EndsWith("rule/nightly-cleanup", Assert.Single(scheduled.Resources!), StringComparison.Ordinal);
        Assert.Equal(new DateTime(2024, 5, 24, 15, 0, 0, DateTimeKind.Utc), scheduled.Time.ToUniversalTime());
    }

    [Fact]
    public void CloudWatchLogs_DecodeData_IsTheDecodedDocument()
    {
        var logs = Read<CloudWatchLogsEvent>("cloudwatch-logs.json");

        var json = logs.Awslogs!.DecodeData();

        AssertJsonEquals(File.ReadAllText(EventJson.PathOf("cloudwatch-logs.decoded.json")), json!);
    }

    [Fact]
    public void CloudWatchLogs_DecodeLogsData_GivesTypedLogEvents()
    {
        var data = Read<CloudWatchLogsEvent>("cloudwatch-logs.json").Awslogs!.DecodeLogsData();

        Assert.NotNull(data);
        Assert.Equal("DATA_MESSAGE", data.MessageType);
        Assert.Equal("/aws/lambda/checkout-service", data.LogGroup);
        Assert.Equal("errors-to-alerting", Assert.Single(data.SubscriptionFilters!));
        Assert.Equal(2, data.LogEvents!.Count);
        Assert.Equal("ERROR retry budget exhausted orderId=ord-7781", data.LogEvents[1].Message);
        Assert.Equal("38276419081934745683409851987432956721309876543210987654", data.LogEvents[0].Id);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1716559800123), data.LogEvents[0].Timestamp);
        Assert.Equal(DateTimeKind.Utc, data.LogEvents[0].Timestamp.Kind);
    }

    [Fact]
    public void CloudWatchLogs_NoData_DecodesToNull()
    {
        var log = new CloudWatchLogsEvent.Log();

        Assert.Null(log.DecodeData());
        Assert.Null(log.DecodeLogsData());
    }

    [Fact]
    public void CloudWatchLogs_EncodedInCode_DecodesBack()
    {
        const string document = """{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1432826855000,"message":"CWL CONTROL MESSAGE: Checking health of destination Kinesis stream."}]}""";
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(document));
        }
        var log = new CloudWatchLogsEvent.Log { EncodedData = Convert.ToBase64String(buffer.ToArray()) };

        var data = log.DecodeLogsData()!;

        Assert.Equal("CONTROL_MESSAGE", data.MessageType);
        Assert.Empty(data.SubscriptionFilters!);
        Assert.Equal(new DateTime(2015, 5, 28, 15, 27, 35, DateTimeKind.Utc), Assert.Single(data.LogEvents!).Timestamp);
    }

    [Fact]
    public void Ses_Record_GivesHeadersVerdictsAndAction()
    {
        var record = Assert.Single(Read<SimpleEmailEvent<LambdaReceiptAction>>("ses.json").Records!);
        var mail = record.Ses!.Mail!;
        var receipt = record.Ses.Receipt!;

        Assert.Equal("Invoice question", mail.CommonHeaders!.Subject);
        Assert.Equal("Alice <alice@sender.example>", Assert.Single(mail.CommonHeaders.From!));
        Assert.Equal("<CA+abc123@mail.sender.example>", mail.Headers!.Single(h => h.Name == "Message-ID").Value);
        Assert.False(mail.HeadersTruncated);
        Assert.Equal(new DateTime(2024, 5, 24, 14, 40, 1, 234, DateTimeKind.Utc), mail.Timestamp.ToUniversalTime());
        Assert.Equal("PASS", receipt.SPFVerdict!.Status);
        Assert.Equal("PASS", receipt.DMARCVerdict!.Status);
        Assert.Equal("none", receipt.DMARCPolicy);
        Assert.Equal(412L, receipt.ProcessingTimeMillis);
        Assert.Equal("RequestResponse", receipt.Action!.InvocationType);
        Assert.EndsWith(":function:inbound-mail-filter", receipt.Action.FunctionArn, StringComparison.Ordinal);
    }

    [Fact]
    public void SesResponse_BuiltInCode_IsTheJsonSesExpects()
    {
        Assert.Equal("""{"disposition":"STOP_RULE_SET"}""", Write(new SimpleEmailResponse { Disposition = SimpleEmailDisposition.StopRuleSet }));
        AssertJsonEquals(
            File.ReadAllText(EventJson.PathOf("ses.response.json")),
            Write(new SimpleEmailResponse { Disposition = SimpleEmailDisposition.Continue }));
    }

    [Fact]
    public void CodeCommit_Record_GivesReferencesAndTime()
    {
        var record = Assert.Single(Read<CodeCommitEvent>("codecommit.json").Records!);
        var references = record.CodeCommit!.References!;

        Assert.Equal("refs/heads/main", references[0].Ref);
        Assert.Null(references[0].Created);
        Assert.True(references[1].Created);
        Assert.Equal("notify-channel=#deploys", record.CustomData);
        Assert.Equal(1, record.EventTotalParts);
        Assert.Equal("arn:aws:codecommit:eu-west-1:111122223333:payments-api", record.EventSourceArn);
        Assert.Equal(new DateTime(2024, 5, 24, 14, 10, 5, 512, DateTimeKind.Utc), record.EventTime);
        Assert.Equal(DateTimeKind.Utc, record.EventTime.Kind);
    }

    [Fact]
    public void CodeCommit_EventTime_IsWrittenInCodeCommitsFormat()
    {
        var record = new CodeCommitEvent.CodeCommitRecord { EventTime = new DateTime(2024, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc) };

        var written = JsonNode.Parse(Write(record))!;

        Assert.Equal("2024-01-02T03:04:05.006+0000", written["eventTime"]!.GetValue<string>());
    }

    [Fact]
    public void CodePipeline_Job_GivesIdUserParametersArtifactsAndCredentials()
    {
        var job = Read<CodePipelineJobEvent>("codepipeline.json").Job!;
        var data = job.Data!;

        Assert.Equal("4d7e9f10-2b3c-4a5d-8e6f-7a8b9c0d1e2f", job.Id);
        Assert.Equal("smoke-test-runner", data.ActionConfiguration!.Configuration!.FunctionName);
        using var parameters = JsonDocument.Parse(data.ActionConfiguration.Configuration.UserParameters!);
        Assert.Equal(30, parameters.RootElement.GetProperty("timeoutSec").GetInt32());
        var input = Assert.Single(data.InputArtifacts!);
        Assert.Equal("release-pipe/BuildOutpu/Xk29Lm3", input.Location!.S3Location!.ObjectKey);
        Assert.Null(Assert.Single(data.OutputArtifacts!).Revision);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1716563400000), data.ArtifactCredentials!.ExpirationTime);
        Assert.Equal("KMS", data.EncryptionKey!.Type);
        Assert.Null(data.ContinuationToken);
    }

    [Fact]
    public void Config_InvokingEvent_IsJsonTextAboutTheResource()
    {
        var config = Read<ConfigEvent>("config-rule.json");

        Assert.False(config.EventLeftScope);
        Assert.Equal("DETECTIVE", config.EvaluationMode);
        Assert.Equal("sg-only-https", config.ConfigRuleName);
        using var invoking = JsonDocument.Parse(config.InvokingEvent!);
        Assert.Equal("ConfigurationItemChangeNotification", invoking.RootElement.GetProperty("messageType").GetString());
        Assert.Equal("AWS::EC2::SecurityGroup", invoking.RootElement.GetProperty("configurationItem").GetProperty("resourceType").GetString());
        using var parameters = JsonDocument.Parse(config.RuleParameters!);
        Assert.Equal("443", parameters.RootElement.GetProperty("allowedPorts").GetString());
    }

    [Fact]
    public void IoTRule_Payload_ReadsIntoTheFunctionsOwnClass()
    {
        var telemetry = Read<GreenhouseTelemetry>("iot-rule.json");

        Assert.Equal("greenhouse-07", telemetry.DeviceId);
        Assert.Equal(41.5, telemetry.SoilMoisture);
        Assert.Equal(1716560400000L, telemetry.Ts);
        Assert.Equal("farm/greenhouse-07/telemetry", telemetry.Topic);
    }

    [Fact]
    public void StepFunctions_TaskInput_ReadsAsJsonElementOrOwnClass()
    {
        var input = Read<OrderTaskInput>("step-functions.json");
        Assert.Equal("gold", input.Customer!.Tier);
        Assert.Equal(2, Assert.Single(input.Items!).Qty);

        var loose = Read<JsonElement>("step-functions.json");
        Assert.Equal(1, loose.GetProperty("attempt").GetInt32());
    }

    private static T Read<T>(string fixture)
    {
        using var stream = File.OpenRead(EventJson.PathOf(fixture));
        return Serializer.Deserialize<T>(stream);
    }

    private static string Write<T>(T value)
    {
        using var stream = new MemoryStream();
        Serializer.Serialize(value, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void AssertJsonEquals(string expected, string actual)
    {
        var difference = EventJson.FindDifference(JsonNode.Parse(expected), JsonNode.Parse(actual), "$");
        Assert.True(difference is null, string.Create(CultureInfo.InvariantCulture, $"{difference}\nactual: {actual}"));
    }
}

/// <summary>The <c>detail</c> of the example's custom <c>OrderPlaced</c> event, as a function would declare it.</summary>
public sealed class OrderPlacedDetail
{
    [JsonPropertyName("orderId")]
    public string? OrderId { get; set; }

    [JsonPropertyName("total")]
    public decimal Total { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }
}

/// <summary>What the example IoT rule's <c>SELECT *, topic() AS topic</c> produces, as a function would declare it.</summary>
public sealed class GreenhouseTelemetry
{
    [JsonPropertyName("deviceId")]
    public string? DeviceId { get; set; }

    [JsonPropertyName("zone")]
    public string? Zone { get; set; }

    [JsonPropertyName("soilMoisture")]
    public double SoilMoisture { get; set; }

    [JsonPropertyName("temperatureC")]
    public double TemperatureC { get; set; }

    [JsonPropertyName("ts")]
    public long Ts { get; set; }

    [JsonPropertyName("topic")]
    public string? Topic { get; set; }
}

/// <summary>The example Step Functions task input, as a function would declare it.</summary>
public sealed class OrderTaskInput
{
    [JsonPropertyName("orderId")]
    public string? OrderId { get; set; }

    [JsonPropertyName("customer")]
    public OrderCustomer? Customer { get; set; }

    [JsonPropertyName("items")]
    public List<OrderItem>? Items { get; set; }

    [JsonPropertyName("attempt")]
    public int Attempt { get; set; }

    public sealed class OrderCustomer
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("tier")]
        public string? Tier { get; set; }
    }

    public sealed class OrderItem
    {
        [JsonPropertyName("sku")]
        public string? Sku { get; set; }

        [JsonPropertyName("qty")]
        public int Qty { get; set; }
    }
}
