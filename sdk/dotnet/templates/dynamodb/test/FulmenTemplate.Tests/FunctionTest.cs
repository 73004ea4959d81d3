using Fulmen.Lambda.DynamoDBEvents;
using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public async Task FunctionHandler_InsertThenBadRecord_ReportsTheBadOne()
    {
        var dynamoEvent = new DynamoDBEvent
        {
            Records =
            [
                Record("INSERT", "100", new() { ["Id"] = new DynamoDBEvent.AttributeValue { S = "order-1" } }),
                Record("MODIFY", "200", new()),
            ],
        };
        var context = new TestLambdaContext();

        var response = await new Function().FunctionHandler(dynamoEvent, context);

        var failure = Assert.Single(response.BatchItemFailures!);
        Assert.Equal("200", failure.ItemIdentifier);
        Assert.Contains("INSERT Id=order-1", ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }

    private static DynamoDBEvent.DynamodbStreamRecord Record(string eventName, string sequenceNumber, Dictionary<string, DynamoDBEvent.AttributeValue> keys) => new()
    {
        EventName = eventName,
        EventID = $"event-{sequenceNumber}",
        Dynamodb = new DynamoDBEvent.StreamRecord { SequenceNumber = sequenceNumber, Keys = keys },
    };
}
