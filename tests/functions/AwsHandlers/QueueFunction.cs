using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;

namespace AwsHandlers;

/// <summary>An SQS handler with a partial batch response: messages whose body is "fail" go back to the queue.</summary>
public class QueueFunction
{
    public async Task<SQSBatchResponse> Handle(SQSEvent sqsEvent, ILambdaContext context)
    {
        await Task.Yield();
        var response = new SQSBatchResponse();
        foreach (var message in sqsEvent.Records)
        {
            if (message.Body == "fail")
            {
                response.BatchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }
        context.Logger.LogInformation($"processed {sqsEvent.Records.Count} messages, {response.BatchItemFailures.Count} failed");
        return response;
    }
}
