namespace Fulmen.Functions.EventSources;

/// <summary>
/// One record as a source hands it over. The members are a queue message's (what SQS's event shows); stream sources
/// will add theirs. <see cref="Id"/> is what a partial batch response names (<c>itemIdentifier</c>).
/// </summary>
public sealed record SourceRecord
{
    /// <summary>The message id: unique in the source, and the <c>itemIdentifier</c> of a partial batch response.</summary>
    public required string Id { get; init; }
    /// <summary>The handle of this receipt (SQS's receipt handle): what acknowledging and returning name.</summary>
    public required string ReceiptHandle { get; init; }
    public required string Body { get; init; }
    /// <summary>System attributes, values as strings (ApproximateReceiveCount, SentTimestamp, SenderId, …).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, SourceMessageAttribute> MessageAttributes { get; init; } = new Dictionary<string, SourceMessageAttribute>();
    public required string Md5OfBody { get; init; }
    public string? Md5OfMessageAttributes { get; init; }
}

/// <summary>A message attribute: a string (String, Number, custom types) or binary value (base64 in events).</summary>
public sealed record SourceMessageAttribute(string DataType, string? StringValue = null, string? BinaryValue = null);
