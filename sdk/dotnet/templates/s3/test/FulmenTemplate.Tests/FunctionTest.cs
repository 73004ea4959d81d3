using Fulmen.Lambda.S3Events;
using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public void FunctionHandler_ObjectCreated_LogsBucketAndDecodedKey()
    {
        var s3Event = new S3Event
        {
            Records =
            [
                new S3Event.S3EventNotificationRecord
                {
                    EventName = "ObjectCreated:Put",
                    S3 = new S3Event.S3Entity
                    {
                        Bucket = new S3Event.S3BucketEntity { Name = "photos" },
                        Object = new S3Event.S3ObjectEntity { Key = "2026/summer+holiday.jpg", Size = 1024 },
                    },
                },
            ],
        };
        var context = new TestLambdaContext();

        new Function().FunctionHandler(s3Event, context);

        Assert.Contains("ObjectCreated:Put: s3://photos/2026/summer holiday.jpg (1024 bytes)",
            ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }
}
