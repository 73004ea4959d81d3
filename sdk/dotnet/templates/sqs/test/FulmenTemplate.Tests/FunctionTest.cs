using Fulmen.Lambda.SQSEvents;
using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public async Task FunctionHandler_OneBadMessage_ReportsOnlyThatOne()
    {
        var sqsEvent = new SQSEvent
        {
            Records =
            [
                new SQSEvent.SQSMessage { MessageId = "good-1", Body = "{\"order\":1}" },
                new SQSEvent.SQSMessage { MessageId = "bad-2", Body = "" },
            ],
        };
        var context = new TestLambdaContext();

        var response = await new Function().FunctionHandler(sqsEvent, context);

        var failure = Assert.Single(response.BatchItemFailures!);
        Assert.Equal("bad-2", failure.ItemIdentifier);
        Assert.Contains("Processed message good-1", ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }
}
