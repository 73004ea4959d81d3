using Fulmen.Protocols.Errors;

namespace Fulmen.Queues.Api;

/// <summary>
/// SQS's errors: each has its JSON type (<c>__type</c> after <c>com.amazonaws.sqs#</c>) and the query code SDKs and the
/// query protocol know it by (<c>AWS.SimpleQueueService.NonExistentQueue</c>).
/// </summary>
internal static class SqsErrors
{
    public static AwsErrorException Error(string jsonType, string queryCode, string message, int status = 400) =>
        new(new AwsError(status, jsonType, message) { QueryCode = queryCode });

    public static AwsErrorException QueueDoesNotExist() =>
        Error("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");

    public static AwsErrorException QueueNameExists(string attribute) =>
        Error("QueueNameExists", "QueueAlreadyExists", $"A queue already exists with the same name and a different value for attribute {attribute}");

    public static AwsErrorException InvalidParameterValue(string message) =>
        Error("InvalidParameterValueException", "InvalidParameterValue", message);

    public static AwsErrorException InvalidParameter(string name, string value, string reason) =>
        InvalidParameterValue($"Value {value} for parameter {name} is invalid. Reason: {reason}");

    public static AwsErrorException MissingParameter(string name) =>
        Error("MissingParameter", "MissingParameter", $"The request must contain the parameter {name}.");

    public static AwsErrorException InvalidAttributeName(string name) =>
        Error("InvalidAttributeName", "InvalidAttributeName", $"Unknown Attribute {name}.");

    public static AwsErrorException InvalidAttributeValue(string name) =>
        Error("InvalidAttributeValue", "InvalidAttributeValue", $"Invalid value for the parameter {name}.");

    public static AwsErrorException ReceiptHandleIsInvalid(string handle) =>
        Error("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

    public static AwsErrorException InvalidMessageContents() =>
        Error("InvalidMessageContents", "InvalidMessageContents",
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");

    public static AwsErrorException EmptyBatchRequest(string entry) =>
        Error("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", $"There should be at least one {entry} in the request.");

    public static AwsErrorException TooManyEntriesInBatchRequest(int count) =>
        Error("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            $"Maximum number of entries per request are 10. You have sent {count}.");

    public static AwsErrorException BatchEntryIdsNotDistinct(string id) =>
        Error("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", $"Id {id} repeated.");

    public static AwsErrorException InvalidBatchEntryId() =>
        Error("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId",
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");

    public static AwsErrorException BatchRequestTooLong(long size, int limit) =>
        Error("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong",
            $"Batch requests cannot be longer than {limit} bytes. You have sent {size} bytes.");

    public static AwsErrorException UnsupportedOperation(string message) =>
        Error("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", message);

    public static AwsErrorException InvalidAction(string action) =>
        Error("InvalidAction", "InvalidAction", $"The action {action} is not valid for this web service.");
}
