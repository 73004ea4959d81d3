using System.Text;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.KinesisEvents;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>
/// Processes a batch of Kinesis records and reports the first one that failed, so that the batch is retried from
/// there (turn on <c>ReportBatchItemFailures</c> in the event source mapping).
/// </summary>
public class Function
{
    public async Task<StreamsEventResponse> FunctionHandler(KinesisEvent kinesisEvent, ILambdaContext context)
    {
        foreach (var record in kinesisEvent.Records ?? [])
        {
            try
            {
                await ProcessRecordAsync(record, context);
            }
            catch (Exception e)
            {
                // Records of a shard are processed in order: stop at the first failure.
                context.Logger.LogError(e, $"Record {record.EventId} failed");
                return new StreamsEventResponse
                {
                    BatchItemFailures = [new StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Kinesis?.SequenceNumber }],
                };
            }
        }
        return new StreamsEventResponse { BatchItemFailures = [] };
    }

    private static async Task ProcessRecordAsync(KinesisEvent.KinesisEventRecord record, ILambdaContext context)
    {
        // The data arrives base64-encoded; the event model decodes it to bytes.
        var data = record.Kinesis?.Data is { } stream ? Encoding.UTF8.GetString(stream.ToArray()) : "";
        if (data.Length == 0)
        {
            throw new InvalidOperationException("The record has no data.");
        }
        context.Logger.LogInformation($"Record {record.Kinesis?.SequenceNumber} ({record.Kinesis?.PartitionKey}): {data}");
        // Your work here.
        await Task.CompletedTask;
    }
}
