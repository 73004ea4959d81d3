using Fulmen.Protocols.Query;

namespace Fulmen.Topics.Api;

/// <summary>SNS's errors as the query protocol carries them: code, message, status.</summary>
internal static class SnsErrors
{
    public static QueryError InvalidParameter(string message) => new("InvalidParameter", $"Invalid parameter: {message}");

    /// <summary>SNS's wording for a bad attribute: <c>Invalid parameter: Attributes Reason: …</c>.</summary>
    public static QueryError InvalidAttribute(string reason) => InvalidParameter($"Attributes Reason: {reason}");

    public static QueryError InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    public static QueryError TopicNotFound() => new("NotFound", "Topic does not exist", 404);

    public static QueryError SubscriptionNotFound() => new("NotFound", "Subscription does not exist", 404);

    public static QueryError ResourceNotFound() => new("ResourceNotFound", "Resource does not exist", 404);

    public static QueryError TagLimitExceeded() => new("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");

    public static QueryError TagPolicy(string message) => new("TagPolicy", message);

    public static QueryError EmptyBatchRequest() => new("EmptyBatchRequest", "The batch request doesn't contain any entries");

    public static QueryError TooManyEntriesInBatchRequest() => new("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.");

    public static QueryError BatchEntryIdsNotDistinct() => new("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");

    public static QueryError InvalidBatchEntryId() =>
        new("InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't abide by the specification.");

    public static QueryError BatchRequestTooLong() =>
        new("BatchRequestTooLong", "The length of all the messages put together is more than the limit.");
}
