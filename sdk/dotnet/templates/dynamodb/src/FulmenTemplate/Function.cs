using Fulmen.Lambda.Core;
using Fulmen.Lambda.DynamoDBEvents;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>
/// Processes a batch of DynamoDB Streams records and reports the first one that failed, so that the batch is
/// retried from there (turn on <c>ReportBatchItemFailures</c> in the event source mapping).
/// </summary>
public class Function
{
    public async Task<StreamsEventResponse> FunctionHandler(DynamoDBEvent dynamoEvent, ILambdaContext context)
    {
        foreach (var record in dynamoEvent.Records ?? [])
        {
            try
            {
                await ProcessRecordAsync(record, context);
            }
            catch (Exception e)
            {
                // Records of a shard are processed in order: stop at the first failure.
                context.Logger.LogError(e, $"Record {record.EventID} failed");
                return new StreamsEventResponse
                {
                    BatchItemFailures = [new StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Dynamodb?.SequenceNumber }],
                };
            }
        }
        return new StreamsEventResponse { BatchItemFailures = [] };
    }

    private static async Task ProcessRecordAsync(DynamoDBEvent.DynamodbStreamRecord record, ILambdaContext context)
    {
        if (record.Dynamodb?.Keys is not { Count: > 0 } keys)
        {
            throw new InvalidOperationException("The record has no keys.");
        }
        var key = string.Join(", ", keys.Select(k => $"{k.Key}={k.Value.S ?? k.Value.N}"));
        context.Logger.LogInformation($"{record.EventName} {key}");
        // Your work here: update a search index, send a notification, …
        await Task.CompletedTask;
    }
}
