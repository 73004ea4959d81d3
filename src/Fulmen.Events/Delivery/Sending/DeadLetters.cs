using System.Globalization;
using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Microsoft.Extensions.Logging;

namespace Fulmen.Events.Delivery.Sending;

/// <summary>
/// Where a send that will not be delivered ends: its dead-letter queue (a standard SQS queue of this account and
/// region) as one message, the payload as body and EventBridge's message attributes (<c>ERROR_CODE</c>,
/// <c>ERROR_MESSAGE</c>, <c>RETRY_ATTEMPTS</c>, <c>TARGET_ARN</c>, <c>EXHAUSTED_RETRY_CONDITION</c> when a retry limit
/// ended it) with the caller's own (<c>RULE_ARN</c>…). Without a dead-letter queue it is dropped and counted.
/// </summary>
public sealed partial class DeadLetters(QueueCatalog queues, QueueMessages messages, AwsAccount account, DeliveryCounters counters, ILogger<DeadLetters> logger)
{
    public const string MaximumRetryAttempts = "MaximumRetryAttempts";
    public const string MaximumEventAgeInSeconds = "MaximumEventAgeInSeconds";

    public async Task SendAsync(TargetSend send, SendOutcome outcome, int retryAttempts, string? exhaustedCondition, CancellationToken cancellationToken)
    {
        counters.Failed(send.SourceArn, send.TargetArn, outcome.ErrorCode);
        if (send.DeadLetterArn is null)
        {
            counters.Dropped(send.SourceArn);
            LogDropped(send.SourceArn, send.TargetArn, outcome.ErrorCode, outcome.ErrorMessage, retryAttempts);
            return;
        }
        if (await QueueAsync(send.DeadLetterArn, cancellationToken) is not { } queue)
        {
            counters.DeadLetterFailed(send.SourceArn);
            LogDeadLetterMissing(send.SourceArn, send.TargetArn, send.DeadLetterArn);
            return;
        }
        var attributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal);
        foreach (var (name, value) in send.DeadLetterAttributes)
        {
            attributes[name] = Text(value);
        }
        attributes["TARGET_ARN"] = Text(send.TargetArn);
        attributes["ERROR_CODE"] = Text(outcome.ErrorCode ?? SendErrorCodes.Unknown);
        attributes["ERROR_MESSAGE"] = Text(outcome.ErrorMessage is { Length: > 0 } message ? message : "The event could not be delivered.");
        attributes["RETRY_ATTEMPTS"] = Text(retryAttempts.ToString(CultureInfo.InvariantCulture));
        if (exhaustedCondition is not null)
        {
            attributes["EXHAUSTED_RETRY_CONDITION"] = Text(exhaustedCondition);
        }
        await messages.SendAsync(queue, send.Payload, attributes, account.AccountId, delaySeconds: 0);
        counters.SentToDeadLetter(send.SourceArn);
    }

    /// <summary>The queue a DeadLetterConfig names, when it is a standard queue of this server (AWS refuses FIFO ones).</summary>
    private async Task<QueueRecord?> QueueAsync(string arn, CancellationToken cancellationToken) =>
        Arn.TryParse(arn, out var parsed) && parsed.Service == "sqs" && parsed.Region == account.Region && parsed.Account == account.AccountId
            && !parsed.Resource.EndsWith(".fifo", StringComparison.Ordinal)
            ? await queues.FindAsync(parsed.Resource, cancellationToken)
            : null;

    private static MessageAttributeValue Text(string value) => new() { DataType = "String", StringValue = value };

    [LoggerMessage(LogLevel.Warning, "{Source}: event not delivered to {TargetArn} and dropped ({ErrorCode} after {Retries} retries): {Message}")]
    private partial void LogDropped(string source, string targetArn, string? errorCode, string? message, int retries);

    [LoggerMessage(LogLevel.Warning, "{Source}: event not delivered to {TargetArn}, and its dead-letter queue {DeadLetterArn} does not exist: dropped")]
    private partial void LogDeadLetterMissing(string source, string targetArn, string deadLetterArn);
}
