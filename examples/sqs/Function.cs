using System.Text.Json;
using System.Text.Json.Serialization;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;
using Fulmen.Lambda.SQSEvents;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace Examples.Sqs;

/// <summary>One order, the body of each message.</summary>
public sealed record Order([property: JsonPropertyName("orderId")] string? OrderId, [property: JsonPropertyName("quantity")] int Quantity);

/// <summary>
/// Takes orders off a queue. A message that is not a valid order is reported in the partial batch response, so
/// the queue retries (and eventually dead-letters) only that one; the rest of the batch is done
/// (event source mapping with <c>FunctionResponseTypes: ["ReportBatchItemFailures"]</c>).
/// </summary>
public class Function
{
    public async Task<SQSBatchResponse> FunctionHandler(SQSEvent batch, ILambdaContext context)
    {
        var failures = new List<SQSBatchResponse.BatchItemFailure>();
        foreach (var message in batch.Records ?? [])
        {
            try
            {
                var order = Parse(message.Body);
                await ReserveStockAsync(order, context);
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                context.Logger.LogWarning($"Rejected message {message.MessageId}: {e.Message}");
                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }
        context.Logger.LogInformation($"{batch.Records?.Count ?? 0} messages, {failures.Count} failed");
        return new SQSBatchResponse(failures);
    }

    private static Order Parse(string? body)
    {
        var order = JsonSerializer.Deserialize<Order>(body ?? "") ?? throw new InvalidDataException("The message is empty.");
        if (string.IsNullOrEmpty(order.OrderId) || order.Quantity <= 0)
        {
            throw new InvalidDataException($"An order needs an orderId and a positive quantity: {body}");
        }
        return order;
    }

    private static async Task ReserveStockAsync(Order order, ILambdaContext context)
    {
        // Stands in for a call to a database or another service.
        await Task.Yield();
        context.Logger.LogInformation($"Reserved {order.Quantity} for order {order.OrderId}");
    }
}
