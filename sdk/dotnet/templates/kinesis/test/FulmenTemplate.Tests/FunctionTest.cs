using System.Text;
using Fulmen.Lambda.KinesisEvents;
using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public async Task FunctionHandler_GoodThenEmptyRecord_ReportsTheEmptyOne()
    {
        var kinesisEvent = new KinesisEvent { Records = [Record("1", "hello"), Record("2", "")] };
        var context = new TestLambdaContext();

        var response = await new Function().FunctionHandler(kinesisEvent, context);

        var failure = Assert.Single(response.BatchItemFailures!);
        Assert.Equal("2", failure.ItemIdentifier);
        Assert.Contains("Record 1 (device-7): hello", ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }

    private static KinesisEvent.KinesisEventRecord Record(string sequenceNumber, string data) => new()
    {
        EventId = $"shardId-000000000000:{sequenceNumber}",
        Kinesis = new KinesisEvent.Record
        {
            SequenceNumber = sequenceNumber,
            PartitionKey = "device-7",
            Data = new MemoryStream(Encoding.UTF8.GetBytes(data)),
        },
    };
}
