namespace Fulmen.Topics.Publishing;

/// <summary>
/// Publishing to a topic from inside the server, for services that notify through topics (the object store's
/// notifications, destinations): the same checks and fan-out as Publish, the outcome as a value.
/// </summary>
public interface ITopicPublisher
{
    /// <summary>Publishes <paramref name="message"/>; done once every matching subscription's delivery is stored.</summary>
    Task<PublishOutcome> PublishAsync(string topicArn, string message, string? subject,
        IReadOnlyDictionary<string, TopicMessageAttribute>? attributes, CancellationToken cancellationToken);
}

/// <summary>A message attribute as SNS carries it: <c>String</c>, <c>Number</c>, <c>Binary</c> or <c>String.Array</c> (with an optional custom suffix).</summary>
public sealed record TopicMessageAttribute(string DataType, string? StringValue, byte[]? BinaryValue = null)
{
    public static TopicMessageAttribute String(string value) => new("String", value);
}

/// <summary>What a publish came to: the message id (and a FIFO topic's sequence number), or SNS's error code and message.</summary>
public readonly record struct PublishOutcome(string? MessageId, string? SequenceNumber, string? ErrorCode, string? ErrorMessage, int Status = 400)
{
    public bool Published => MessageId is not null;

    public static PublishOutcome Done(string messageId, string? sequenceNumber) => new(messageId, sequenceNumber, null, null);

    public static PublishOutcome Failed(string code, string message, int status = 400) => new(null, null, code, message, status);

    public static PublishOutcome InvalidParameter(string reason) => Failed("InvalidParameter", $"Invalid parameter: {reason}");

    public static PublishOutcome NotFound() => Failed("NotFound", "Topic does not exist", 404);
}

/// <summary>One message to publish, as Publish and PublishBatch read it.</summary>
public sealed record PublishRequest(string? Message, string? Subject, string? MessageStructure,
    IReadOnlyDictionary<string, TopicMessageAttribute> Attributes, string? MessageGroupId, string? MessageDeduplicationId);
