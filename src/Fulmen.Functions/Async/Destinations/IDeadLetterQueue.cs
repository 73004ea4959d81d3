namespace Fulmen.Functions.Async.Destinations;

/// <summary>
/// Where a function's DeadLetterConfig sends an asynchronous event that failed for good: the event itself as the
/// message, with what went wrong as message attributes (AWS's <c>RequestID</c>, <c>ErrorCode</c>, <c>ErrorMessage</c>).
/// An SQS queue (Fulmen.Queues) or an SNS topic (Fulmen.Topics).
/// </summary>
public interface IDeadLetterQueue
{
    bool Handles(string arn);

    /// <summary>Delivers the event; done when it is durably accepted. A <see cref="DestinationException"/> when it cannot be.</summary>
    Task SendAsync(string arn, ReadOnlyMemory<byte> eventPayload, DeadLetterAttributes attributes, CancellationToken cancellationToken);
}

/// <param name="ErrorCode">The HTTP status of the last attempt (200 for a function error).</param>
/// <param name="ErrorMessage">The start of the function's error (AWS keeps the first 1 KB).</param>
public sealed record DeadLetterAttributes(string RequestId, int ErrorCode, string ErrorMessage);
