using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;
using Fulmen.Lambda.SQSEvents;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>
/// Processes a batch of SQS messages and reports the ones that failed, so that only those are retried
/// (turn on <c>ReportBatchItemFailures</c> in the event source mapping's <c>FunctionResponseTypes</c>).
/// </summary>
public class Function
{
    public async Task<SQSBatchResponse> FunctionHandler(SQSEvent sqsEvent, ILambdaContext context)
    {
        var failures = new List<SQSBatchResponse.BatchItemFailure>();
        foreach (var message in sqsEvent.Records ?? [])
        {
            try
            {
                await ProcessMessageAsync(message, context);
            }
            catch (Exception e)
            {
                context.Logger.LogError(e, $"Message {message.MessageId} failed");
                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
    {
        if (string.IsNullOrWhiteSpace(message.Body))
        {
            throw new InvalidOperationException("The message has no body.");
        }
        context.Logger.LogInformation($"Processed message {message.MessageId}: {message.Body}");
        // Your work here: call a database, another service, …
        await Task.CompletedTask;
    }
}
