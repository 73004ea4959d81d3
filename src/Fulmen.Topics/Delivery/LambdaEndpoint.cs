using Fulmen.Functions.Invocation;
using Fulmen.Protocols.Arns;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// A function subscribed to a topic: an asynchronous invocation by <c>sns.amazonaws.com</c> with the topic as source
/// ARN, so the function's resource-based policy must allow the topic (AddPermission), as on AWS.
/// </summary>
public sealed class LambdaEndpoint(Invoker invoker, NotificationJson json, AwsAccount account)
{
    public const string Principal = "sns.amazonaws.com";

    public async Task<DeliveryResult> DeliverAsync(DeliveryItem item, string functionArn, string topicArn, string subscriptionArn, CancellationToken cancellationToken)
    {
        var request = new InvokeRequest(functionArn, json.LambdaEvent(item, topicArn, subscriptionArn))
        {
            Caller = new InvocationCaller(Principal, InvocationCaller.InvokeFunction) { SourceArn = topicArn, SourceAccount = account.AccountId },
        };
        var (_, error) = await invoker.EnqueueAsync(request, cancellationToken);
        return error switch
        {
            null => DeliveryResult.Delivered,
            { Type: "TooManyRequestsException" } => DeliveryResult.Retryable($"{error.Type}: {error.Message}"),
            { StatusCode: >= 500 } => DeliveryResult.Retryable($"{error.Type}: {error.Message}"),
            _ => DeliveryResult.ClientError($"{error.Type}: {error.Message}"),
        };
    }
}
