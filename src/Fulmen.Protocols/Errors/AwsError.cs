namespace Fulmen.Protocols.Errors;

/// <summary>
/// An AWS service error as a value: HTTP status, error code and message. Each protocol's writer turns it into that
/// protocol's envelope, so a service states its errors and never writes one.
/// </summary>
public sealed record AwsError(int StatusCode, string Code, string Message)
{
    /// <summary>Further members of the body written before the message (Lambda's <c>Type</c>; rest-xml: S3's <c>Resource</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    /// <summary>JSON bodies: members written after the message (Lambda's <c>Reason</c> of a throttle).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TrailingFields { get; init; } = [];

    /// <summary>JSON bodies: members after those, whose values are JSON text written as is (Pipes' <c>fieldList</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TrailingJsonFields { get; init; } = [];

    /// <summary>JSON bodies: AWS's models spell the member <c>message</c> for most errors and <c>Message</c> for some.</summary>
    public string MessageMember { get; init; } = "message";

    /// <summary>
    /// A JSON service that also speaks the query protocol (SQS: AWS's <c>awsQueryCompatible</c>): the error's query code
    /// (<c>AWS.SimpleQueueService.NonExistentQueue</c>). JSON answers carry it in <c>x-amzn-query-error</c>, which SDKs
    /// read to keep the codes callers knew; query answers use it as the <c>Code</c>.
    /// </summary>
    public string? QueryCode { get; init; }

    /// <summary>The caller's fault (4xx, <c>Sender</c>) or the service's (5xx, <c>Receiver</c>).</summary>
    public bool IsSenderFault => StatusCode < 500;
}

/// <summary>Thrown by a service's handler; the edge writes <see cref="Error"/> in the service's protocol.</summary>
public class AwsErrorException(AwsError error) : Exception(error.Message)
{
    public AwsErrorException(int statusCode, string code, string message) : this(new AwsError(statusCode, code, message))
    {
    }

    public AwsError Error { get; } = error;
}
