using System.Text.Json;
using Fulmen.Functions.EventSources;
using Fulmen.Functions.EventSources.Sqs;

namespace Fulmen.Functions.Tests.EventSources;

/// <summary>The SQS event a mapping sends: AWS's field names, string values, lower-camel message attributes.</summary>
public sealed class SqsEventTests
{
    private const string QueueArn = "arn:aws:sqs:eu-west-1:111122223333:order-queue";

    private static SourceRecord Message(string id, string body) => new()
    {
        Id = id,
        ReceiptHandle = "AQEBexampleReceiptHandle1...",
        Body = body,
        Attributes = new Dictionary<string, string>
        {
            ["ApproximateReceiveCount"] = "1", ["SentTimestamp"] = "1716560900111",
            ["SenderId"] = "AROAEXAMPLEROLEID:order-api", ["ApproximateFirstReceiveTimestamp"] = "1716560900150",
        },
        MessageAttributes = new Dictionary<string, SourceMessageAttribute> { ["tenant"] = new("String", "acme") },
        Md5OfBody = "ac67658c9db78c25e10330351ebd133c",
        Md5OfMessageAttributes = "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    };

    [Fact]
    public void Record_HasAwsFieldsAndTypes()
    {
        var json = SqsEvent.Record(Message("c7d8", "{\"orderId\": \"ord-7781\"}"), QueueArn, SqsEvent.RegionOf(QueueArn));
        using var document = JsonDocument.Parse(json);
        var record = document.RootElement;
        Assert.Equal(
            ["messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody", "md5OfMessageAttributes", "eventSource", "eventSourceARN", "awsRegion"],
            record.EnumerateObject().Select(p => p.Name));
        Assert.Equal("{\"orderId\": \"ord-7781\"}", record.GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.String, record.GetProperty("attributes").GetProperty("SentTimestamp").ValueKind);
        Assert.Equal("1", record.GetProperty("attributes").GetProperty("ApproximateReceiveCount").GetString());
        var tenant = record.GetProperty("messageAttributes").GetProperty("tenant");
        Assert.Equal("acme", tenant.GetProperty("stringValue").GetString());
        Assert.Equal(0, tenant.GetProperty("stringListValues").GetArrayLength());
        Assert.Equal(0, tenant.GetProperty("binaryListValues").GetArrayLength());
        Assert.Equal("String", tenant.GetProperty("dataType").GetString());
        Assert.Equal("aws:sqs", record.GetProperty("eventSource").GetString());
        Assert.Equal(QueueArn, record.GetProperty("eventSourceARN").GetString());
        Assert.Equal("eu-west-1", record.GetProperty("awsRegion").GetString());
    }

    [Fact]
    public void Record_WithoutMessageAttributes_HasEmptyObjectAndNoMd5OfAttributes()
    {
        var json = SqsEvent.Record(Message("d8e9", "plain text body") with { MessageAttributes = new Dictionary<string, SourceMessageAttribute>(), Md5OfMessageAttributes = null }, QueueArn, "eu-west-1");
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("messageAttributes").ValueKind);
        Assert.Empty(document.RootElement.GetProperty("messageAttributes").EnumerateObject());
        Assert.False(document.RootElement.TryGetProperty("md5OfMessageAttributes", out _));
    }

    [Fact]
    public void Join_MakesRecordsArray_OfExactlyTheCountedSize()
    {
        var records = new[] { Message("a", "1"), Message("b", "2"), Message("c", "3") }
            .Select(message => SqsEvent.Record(message, QueueArn, "eu-west-1")).ToList();
        var payload = SqsEvent.Join(records);
        Assert.Equal(SqsEvent.Overhead(3) + records.Sum(r => r.Length), payload.Length);
        using var document = JsonDocument.Parse(payload);
        Assert.Equal(["a", "b", "c"], document.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetProperty("messageId").GetString()));
    }
}
