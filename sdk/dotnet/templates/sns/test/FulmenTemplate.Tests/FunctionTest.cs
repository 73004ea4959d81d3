using Fulmen.Lambda.SNSEvents;
using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public async Task FunctionHandler_Notification_LogsSubjectAndMessage()
    {
        var snsEvent = new SNSEvent
        {
            Records =
            [
                new SNSEvent.SNSRecord
                {
                    Sns = new SNSEvent.SNSMessage
                    {
                        MessageId = "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                        TopicArn = "arn:aws:sns:us-east-1:000000000000:alerts",
                        Subject = "Disk",
                        Message = "90% full",
                    },
                },
            ],
        };
        var context = new TestLambdaContext();

        await new Function().FunctionHandler(snsEvent, context);

        Assert.Contains("from arn:aws:sns:us-east-1:000000000000:alerts: Disk 90% full",
            ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }
}
