using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Lambda.DocumentDBEvents;
using Fulmen.Lambda.DynamoDBEvents;
using Fulmen.Lambda.KafkaEvents;
using Fulmen.Lambda.KinesisEvents;
using Fulmen.Lambda.KinesisFirehoseEvents;
using Fulmen.Lambda.MQEvents;
using Fulmen.Lambda.Serialization.SystemTextJson;
using Fulmen.Lambda.SNSEvents;
using Fulmen.Lambda.SQSEvents;

namespace Fulmen.Lambda.Events.Tests;

public sealed class StreamEventCases : EventCases
{
    public override IEnumerable<(string Fixture, Type Model)> Cases =>
    [
        ("sqs.json", typeof(SQSEvent)),
        ("sqs-fifo.json", typeof(SQSEvent)),
        ("sqs.response.json", typeof(SQSBatchResponse)),
        ("sns.json", typeof(SNSEvent)),
        ("kinesis-data-streams.json", typeof(KinesisEvent)),
        ("kinesis-data-streams.response.json", typeof(Fulmen.Lambda.KinesisEvents.StreamsEventResponse)),
        ("dynamodb-streams.json", typeof(DynamoDBEvent)),
        ("dynamodb-streams.response.json", typeof(Fulmen.Lambda.DynamoDBEvents.StreamsEventResponse)),
        ("kafka-msk.json", typeof(KafkaEvent)),
        ("kafka-self-managed.json", typeof(KafkaEvent)),
        ("mq-activemq.json", typeof(ActiveMQEvent)),
        ("mq-rabbitmq.json", typeof(RabbitMQEvent)),
        ("documentdb.json", typeof(DocumentDBEvent)),
        ("firehose-transformation.json", typeof(KinesisFirehoseEvent)),
        ("firehose-transformation.response.json", typeof(KinesisFirehoseResponse)),
    ];
}

public sealed class StreamEventTests
{
    private static readonly DefaultLambdaJsonSerializer Serializer = new();

    public static TheoryData<string, Type> Examples => EventCases.Of<StreamEventCases>();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_RoundTrips(string fixture, Type model) => EventJson.AssertRoundTrips(fixture, model);

    [Fact]
    public void Sqs_MessageBodyAttributesAndMessageAttributes()
    {
        var sqs = Read<SQSEvent>("sqs.json");

        Assert.Equal(2, sqs.Records!.Count);
        var message = sqs.Records[0];
        Assert.Equal("c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f", message.MessageId);
        Assert.Equal("ord-7781", JsonDocument.Parse(message.Body!).RootElement.GetProperty("orderId").GetString());
        Assert.Equal("1716560900111", message.Attributes!["SentTimestamp"]);
        Assert.Equal("acme", message.MessageAttributes!["tenant"].StringValue);
        Assert.Equal("String", message.MessageAttributes["tenant"].DataType);
        Assert.Empty(message.MessageAttributes["tenant"].BinaryListValues!);
        Assert.Equal("arn:aws:sqs:eu-west-1:111122223333:order-queue", message.EventSourceArn);
        Assert.Null(sqs.Records[1].Md5OfMessageAttributes);
    }

    [Fact]
    public void SqsFifo_HasGroupAndDeduplicationIds()
    {
        var message = Read<SQSEvent>("sqs-fifo.json").Records!.Single();

        Assert.Equal("ord-7781", message.Attributes!["MessageGroupId"]);
        Assert.Equal("ord-7781-reserve", message.Attributes["MessageDeduplicationId"]);
    }

    [Fact]
    public void SqsBinaryAttributes_AreBase64Streams()
    {
        const string json = """{"dataType":"Binary","binaryValue":"AAEC/w==","binaryListValues":["aGk="]}""";

        var attribute = JsonSerializer.Deserialize<SQSEvent.MessageAttribute>(json, Serializer.Options)!;

        Assert.Equal(new byte[] { 0, 1, 2, 255 }, attribute.BinaryValue!.ToArray());
        Assert.Equal("hi", Encoding.UTF8.GetString(attribute.BinaryListValues!.Single().ToArray()));
        Assert.Null(EventJson.FindDifference(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize(attribute, Serializer.Options)), "$"));
    }

    [Fact]
    public void SqsBatchResponse_WritesBatchItemFailures()
    {
        var response = new SQSBatchResponse([new SQSBatchResponse.BatchItemFailure { ItemIdentifier = "d8e9f0a1" }]);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"d8e9f0a1"}]}""", JsonSerializer.Serialize(response, Serializer.Options));
        Assert.Equal("{}", JsonSerializer.Serialize(new SQSBatchResponse(), Serializer.Options));
    }

    [Fact]
    public void Sns_MessageTimestampAndAttributes()
    {
        var record = Read<SNSEvent>("sns.json").Records!.Single();

        Assert.Equal("aws:sns", record.EventSource);
        var sns = record.Sns!;
        Assert.Equal("OrderPlaced", sns.Subject);
        Assert.Equal(59.9m, JsonDocument.Parse(sns.Message!).RootElement.GetProperty("total").GetDecimal());
        Assert.Equal(new DateTime(2024, 5, 24, 14, 45, 0, 789, DateTimeKind.Utc), sns.Timestamp.ToUniversalTime());
        Assert.Equal("Number", sns.MessageAttributes!["priority"].Type);
        Assert.Equal("2", sns.MessageAttributes["priority"].Value);
        Assert.StartsWith("https://sns.eu-west-1.amazonaws.com/", sns.SigningCertUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void Kinesis_DataIsDecodedAndArrivalIsADateTime()
    {
        var record = Read<KinesisEvent>("kinesis-data-streams.json").Records![0];

        Assert.Equal("""{"page": "/cart", "action": "view"}""", Encoding.UTF8.GetString(record.Kinesis!.Data!.ToArray()));
        Assert.Equal(new DateTime(2024, 5, 24, 14, 21, 40, 125, DateTimeKind.Utc), record.Kinesis.ApproximateArrivalTimestamp);
        Assert.Equal("user-4411", record.Kinesis.PartitionKey);
        Assert.Equal("shardId-000000000003:" + record.Kinesis.SequenceNumber, record.EventId);
        Assert.Equal("arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream", record.EventSourceARN);
    }

    [Fact]
    public void KinesisStreamsEventResponse_WritesBatchItemFailures()
    {
        var response = new Fulmen.Lambda.KinesisEvents.StreamsEventResponse
        {
            BatchItemFailures = [new() { ItemIdentifier = "49651234567890123456789012345678901234567890123456789077" }],
        };

        Assert.Equal(
            """{"batchItemFailures":[{"itemIdentifier":"49651234567890123456789012345678901234567890123456789077"}]}""",
            JsonSerializer.Serialize(response, Serializer.Options));
    }

    [Fact]
    public void KinesisTimeWindow_ReadsWindowAndNumericState()
    {
        const string json = """
            {"Records":[],"window":{"start":"2020-07-30T17:00:00Z","end":"2020-07-30T17:05:00Z"},
             "state":{"1":282,"2":"715"},"shardId":"shardId-000000000006","eventSourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/lambda-stream",
             "isFinalInvokeForWindow":false,"isWindowTerminatedEarly":false}
            """;

        var window = JsonSerializer.Deserialize<KinesisTimeWindowEvent>(json, Serializer.Options)!;

        Assert.Equal(new DateTime(2020, 7, 30, 17, 5, 0, DateTimeKind.Utc), window.Window!.End.ToUniversalTime());
        Assert.Equal("282", window.State!["1"]);
        Assert.Equal("715", window.State["2"]);
        Assert.False(window.IsFinalInvokeForWindow);
        var response = new KinesisTimeWindowResponse { State = new() { ["1"] = "283" }, BatchItemFailures = [] };
        Assert.Equal("""{"state":{"1":"283"},"batchItemFailures":[]}""", JsonSerializer.Serialize(response, Serializer.Options));
    }

    [Fact]
    public void DynamoDb_ImagesKeysAndCreationTime()
    {
        var records = Read<DynamoDBEvent>("dynamodb-streams.json").Records!;

        var insert = records[0];
        Assert.Equal("INSERT", insert.EventName);
        Assert.Equal(new DateTime(2024, 5, 24, 14, 13, 20, DateTimeKind.Utc), insert.Dynamodb!.ApproximateCreationDateTime);
        Assert.Equal("ORDER#ord-7781", insert.Dynamodb.Keys!["pk"].S);
        Assert.Equal("59.90", insert.Dynamodb.NewImage!["total"].N);
        Assert.Equal(["sku-20", "sku-31"], insert.Dynamodb.NewImage["items"].L!.Select(v => v.S));
        Assert.False(insert.Dynamodb.NewImage["paid"].BOOL);
        Assert.Null(insert.Dynamodb.NewImage["paid"].NULL);
        Assert.Null(insert.Dynamodb.OldImage);
        Assert.Equal(112, insert.Dynamodb.SizeBytes);
        Assert.True(records[1].Dynamodb!.NewImage!["paid"].BOOL);
        Assert.Equal("dynamodb.amazonaws.com", records[2].UserIdentity!.PrincipalId);
        Assert.Equal("""{"pk":"ORDER#ord-7781","sk":"META","total":59.90,"items":["sku-20","sku-31"],"paid":false}""", insert.Dynamodb.NewImage.ToJson());
    }

    [Fact]
    public void DynamoDb_OtherAttributeTypesRoundTrip()
    {
        const string json = """{"b":{"B":"AAE="},"bs":{"BS":["AQ==","Ag=="]},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},"m":{"M":{"x":{"NULL":true}}}}""";

        var item = JsonSerializer.Deserialize<Dictionary<string, DynamoDBEvent.AttributeValue>>(json, Serializer.Options)!;

        Assert.Equal(new byte[] { 0, 1 }, item["b"].B!.ToArray());
        Assert.Equal(2, item["bs"].BS![1].ToArray()[0]);
        Assert.True(item["m"].M!["x"].NULL);
        Assert.Equal(json, JsonSerializer.Serialize(item, Serializer.Options));
    }

    [Fact]
    public void DynamoDbStreamsEventResponse_WritesBatchItemFailures()
    {
        var response = new Fulmen.Lambda.DynamoDBEvents.StreamsEventResponse
        {
            BatchItemFailures = [new() { ItemIdentifier = "4421584500000000017450439145" }],
        };

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"4421584500000000017450439145"}]}""", JsonSerializer.Serialize(response, Serializer.Options));
    }

    [Fact]
    public void Kafka_RecordsValueAndHeaders()
    {
        var kafka = Read<KafkaEvent>("kafka-msk.json");

        Assert.StartsWith("arn:aws:kafka:", kafka.EventSourceArn, StringComparison.Ordinal);
        var record = kafka.Records!["payments-2"].Single();
        Assert.Equal(2, record.Partition);
        Assert.Equal(88, record.Offset);
        Assert.Equal("ord-1002", Encoding.UTF8.GetString(Convert.FromBase64String(record.Key!)));
        Assert.Equal("""{"amount": 12.5}""", Encoding.UTF8.GetString(record.Value!.ToArray()));
        Assert.Equal("t-77", Encoding.ASCII.GetString(record.Headers![1]["trace"]));
        Assert.Null(Read<KafkaEvent>("kafka-self-managed.json").EventSourceArn);
    }

    [Fact]
    public void Kafka_SignedHeaderBytesAreRead()
    {
        var record = JsonSerializer.Deserialize<KafkaEvent.KafkaEventRecord>("""{"headers":[{"h":[-61,-87]}]}""", Serializer.Options)!;

        Assert.Equal("é", Encoding.UTF8.GetString(record.Headers![0]["h"]));
    }

    [Fact]
    public void ActiveMq_Message()
    {
        var message = Read<ActiveMQEvent>("mq-activemq.json").Messages!.Single();

        Assert.StartsWith("ID:b-1f2e3d4c", message.MessageId, StringComparison.Ordinal);
        Assert.Equal("orders.inbound", message.Destination!.PhysicalName);
        Assert.Equal("""{"orderId": "ord-7781"}""", Encoding.UTF8.GetString(Convert.FromBase64String(message.Data!)));
        Assert.Equal(2, message.DeliveryMode);
        Assert.Equal("order-batch-12", message.CorrelationId);
        Assert.Equal("0", message.Expiration);
        Assert.Equal("acme", message.Properties!["tenant"]);
        Assert.Equal(1716560600125, message.BrokerInTime);
        Assert.Equal("60000", JsonSerializer.Deserialize<ActiveMQEvent.ActiveMQMessage>("""{"expiration":60000}""", Serializer.Options)!.Expiration);
    }

    [Fact]
    public void RabbitMq_MessagesByQueue()
    {
        var messages = Read<RabbitMQEvent>("mq-rabbitmq.json").RmqMessagesByQueue!["invoices::/billing"];

        var properties = messages.Single().BasicProperties!;
        Assert.Equal("application/json", properties.ContentType);
        Assert.Equal(34, properties.BodySize);
        Assert.Null(properties.ReplyTo);
        var tenant = Assert.IsType<JsonElement>(properties.Headers!["x-tenant"]);
        Assert.Equal("acme", Encoding.ASCII.GetString(tenant.GetProperty("bytes").EnumerateArray().Select(b => b.GetByte()).ToArray()));
    }

    [Fact]
    public void DocumentDb_ChangeEvents()
    {
        var events = Read<DocumentDBEvent>("documentdb.json").Events!;

        var insert = events[0].Event!;
        Assert.Equal("insert", insert.OperationType);
        Assert.Equal("stock", insert.Ns!.Coll);
        Assert.Equal(1716559920, insert.ClusterTime!.Timestamp!.T);
        Assert.Equal("665f0a2b9c8d7e6f5a4b3c2d", insert.DocumentKey!.Id!.Value.GetProperty("$oid").GetString());
        Assert.Equal(14, insert.FullDocument!.Value.GetProperty("qty").GetInt32());
        var update = events[1].Event!;
        Assert.Equal(13, update.UpdateDescription!.UpdatedFields!.Value.GetProperty("qty").GetInt32());
        Assert.Empty(update.UpdateDescription.RemovedFields!);
    }

    [Fact]
    public void Firehose_RecordsAndKinesisMetadata()
    {
        var firehose = Read<KinesisFirehoseEvent>("firehose-transformation.json");

        var record = firehose.Records![0];
        Assert.Equal("""{"page": "/cart", "action": "view"}""", record.DecodeData());
        Assert.Equal(new DateTime(2024, 5, 24, 14, 21, 40, 125, DateTimeKind.Utc), record.ApproximateArrivalTimestamp);
        Assert.Equal("shardId-000000000003", record.KinesisRecordMetadata!.ShardId);
        Assert.Equal(0, record.KinesisRecordMetadata.SubsequenceNumber);
        Assert.Equal("not-json", firehose.Records[1].DecodeData());
    }

    [Fact]
    public void FirehoseResponse_WritesRecordsAsFirehoseExpects()
    {
        var ok = new KinesisFirehoseResponse.FirehoseRecord
        {
            RecordId = "r1",
            Result = KinesisFirehoseResponse.TRANSFORMED_STATE_OK,
            Metadata = new() { PartitionKeys = new() { ["action"] = "view" } },
        };
        ok.EncodeData("hi");
        var response = new KinesisFirehoseResponse
        {
            Records = [ok, new() { RecordId = "r2", Result = KinesisFirehoseResponse.TRANSFORMED_STATE_DROPPED }],
        };

        var written = JsonNode.Parse(JsonSerializer.Serialize(response, Serializer.Options))!;

        var expected = JsonNode.Parse("""
            {"records":[
              {"recordId":"r1","result":"Ok","data":"aGk=","metadata":{"partitionKeys":{"action":"view"}}},
              {"recordId":"r2","result":"Dropped"}]}
            """);
        Assert.Null(EventJson.FindDifference(expected, written, "$"));
        Assert.Null(EventJson.FindDifference(written, expected, "$"));
    }

    private static T Read<T>(string fixture)
    {
        using var input = File.OpenRead(EventJson.PathOf(fixture));
        return Serializer.Deserialize<T>(input);
    }
}
