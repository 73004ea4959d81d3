using System.Text;
using System.Text.Json;
using Fulmen.Events.Model;
using Fulmen.Functions.Api;
using Fulmen.Functions.Invocation;
using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Events.Delivery.Sending;

/// <summary>
/// One attempt at one target, its outcome as a value: a function gets an asynchronous invocation (its resource-based
/// policy checked only when the send asks for it), a queue one message, an event bus the event itself, which that
/// bus's rules then match. Done when the target holds the payload durably.
/// </summary>
public sealed class TargetAttempt(Invoker invoker, QueueCatalog queues, QueueMessages messages, EventCatalog catalog, AwsAccount account, IServiceProvider services)
    : ITargetAttempt
{
    // EventDelivery sends through this class, and a bus target delivers through EventDelivery: resolved when first needed.
    private EventDelivery? _delivery;

    public async Task<SendOutcome> SendAsync(TargetSend send, CancellationToken cancellationToken)
    {
        if (!Arn.TryParse(send.TargetArn, out var arn))
        {
            return SendOutcome.Failed(SendErrorCodes.InvalidParameter, $"The target ARN {send.TargetArn} is not valid.");
        }
        try
        {
            return arn.Service switch
            {
                "lambda" => await FunctionAsync(send, cancellationToken),
                "sqs" => await QueueAsync(send, arn, cancellationToken),
                "events" => await BusAsync(send, cancellationToken),
                _ => SendOutcome.Failed(SendErrorCodes.InvalidParameter, $"Fulmen does not deliver to targets of service '{arn.Service}'."),
            };
        }
        catch (StorageUnavailableException e)
        {
            // The target could not be written to now; the same send may well succeed later.
            return SendOutcome.Retryable(SendErrorCodes.ConnectionFailure, e.Message);
        }
    }

    private async Task<SendOutcome> FunctionAsync(TargetSend send, CancellationToken cancellationToken)
    {
        var request = new InvokeRequest(send.TargetArn, Encoding.UTF8.GetBytes(send.Payload))
        {
            Caller = send.CheckResourcePolicy
                ? new InvocationCaller(send.Principal, InvocationCaller.InvokeFunction) { SourceArn = send.SourceArn, SourceAccount = account.AccountId }
                : null,
        };
        var (_, error) = await invoker.EnqueueAsync(request, cancellationToken);
        return error is null ? SendOutcome.Delivered : Classify(error);
    }

    /// <summary>Missing functions and permissions fail for good (AWS sends them to the DLQ at once); throttles and server errors may pass later.</summary>
    private static SendOutcome Classify(LambdaError error) => error.Type switch
    {
        "ResourceNotFoundException" => SendOutcome.Failed(SendErrorCodes.NoResource, error.Message),
        "AccessDeniedException" => SendOutcome.Failed(SendErrorCodes.NoPermissions, error.Message),
        "TooManyRequestsException" => SendOutcome.Retryable(SendErrorCodes.Throttling, error.Message),
        _ when error.StatusCode >= 500 => SendOutcome.Retryable(SendErrorCodes.Unknown, error.Message),
        _ => SendOutcome.Failed(SendErrorCodes.InvalidParameter, error.Message),
    };

    private async Task<SendOutcome> QueueAsync(TargetSend send, Arn arn, CancellationToken cancellationToken)
    {
        if (arn.Region != account.Region || arn.Account != account.AccountId || await queues.FindAsync(arn.Resource, cancellationToken) is not { } queue)
        {
            return SendOutcome.Failed(SendErrorCodes.NoResource, $"The queue {send.TargetArn} does not exist.");
        }
        if (queue.Name.EndsWith(".fifo", StringComparison.Ordinal))
        {
            if (send.MessageGroupId is null)
            {
                return SendOutcome.Failed(SendErrorCodes.InvalidParameter, "The target is a FIFO queue and has no SqsParameters.MessageGroupId.");
            }
            await messages.SendAsync(queue, send.Payload, attributes: null, account.AccountId, delaySeconds: 0, send.MessageGroupId,
                send.MessageDeduplicationId ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(send.Payload))));
            return SendOutcome.Delivered;
        }
        await messages.SendAsync(queue, send.Payload, attributes: null, account.AccountId, delaySeconds: 0);
        return SendOutcome.Delivered;
    }

    private async Task<SendOutcome> BusAsync(TargetSend send, CancellationToken cancellationToken)
    {
        if (EventArns.Parse(account, send.TargetArn) is not (var bus, null) || await catalog.FindBusAsync(bus, cancellationToken) is null)
        {
            return SendOutcome.Failed(SendErrorCodes.NoResource, $"The event bus {send.TargetArn} does not exist.");
        }
        if (!IsEvent(send.Payload))
        {
            return SendOutcome.Failed(SendErrorCodes.InvalidJson, "The payload for an event bus target is not an event.");
        }
        _delivery ??= services.GetRequiredService<EventDelivery>();
        // An event a rule sends on arrives from another bus: the receiving bus does not send it to a third one, as on AWS.
        await _delivery.DeliverFromTargetAsync(bus, send.Payload, forwarded: send.Principal == EventDelivery.Principal, cancellationToken);
        return SendOutcome.Delivered;
    }

    private static bool IsEvent(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                && root.TryGetProperty("detail-type", out var type) && type.ValueKind == JsonValueKind.String
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
