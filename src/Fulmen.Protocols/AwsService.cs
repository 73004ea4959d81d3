namespace Fulmen.Protocols;

/// <summary>
/// A service on the edge port as the protocol layer sees it: its name, the SigV4 signing name clients put in the
/// credential scope, its protocol, and what its error envelopes need.
/// </summary>
public sealed record AwsService(string Name, string SigningName, AwsProtocol Protocol)
{
    /// <summary>Query and rest-xml: the namespace of response and error documents.</summary>
    public string? XmlNamespace { get; init; }

    /// <summary>JSON 1.0/1.1: what precedes the error code in <c>__type</c> (e.g. <c>com.amazonaws.sqs#</c>), or empty.</summary>
    public string JsonErrorTypePrefix { get; init; } = "";
}
