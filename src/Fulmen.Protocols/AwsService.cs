using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Errors;

namespace Fulmen.Protocols;

/// <summary>
/// A service on the edge port as the protocol layer sees it: its name, the SigV4 signing name clients put in the
/// credential scope, its protocol, what its error envelopes need, and how the edge recognises its requests
/// (docs/protocols.md has the table of every service's declaration).
/// </summary>
/// <remarks>A class, not a record: a service is one declared instance, compared by reference.</remarks>
public sealed class AwsService(string name, string signingName, AwsProtocol protocol)
{
    public string Name { get; } = name;

    /// <summary>The service part of the SigV4 credential scope (<c>lambda</c>, <c>apigateway</c>, <c>elasticloadbalancing</c>).</summary>
    public string SigningName { get; } = signingName;

    public AwsProtocol Protocol { get; } = protocol;

    /// <summary>Query and rest-xml: the namespace of response and error documents.</summary>
    public string? XmlNamespace { get; init; }

    /// <summary>JSON 1.0/1.1: what precedes the error code in <c>__type</c> (e.g. <c>com.amazonaws.sqs#</c>), or empty.</summary>
    public string JsonErrorTypePrefix { get; init; } = "";

    /// <summary>The error a request gets while the store is unreachable (SDKs retry 503s): its code.</summary>
    public string UnavailableErrorCode { get; init; } = "ServiceUnavailableException";

    /// <summary>The error for a failure the server did not foresee (AWS's common <c>InternalFailure</c>; Lambda's <c>ServiceException</c>).</summary>
    public string InternalErrorCode { get; init; } = "InternalFailure";

    /// <summary>The error for a body the server could not read (other than too large).</summary>
    public string BadRequestErrorCode { get; init; } = "BadRequestException";

    /// <summary>
    /// How the service shapes an error from status, code and message: most use <see cref="AwsError"/> as it is;
    /// Lambda adds <c>Type</c> and spells some message members <c>Message</c>.
    /// </summary>
    public Func<int, string, string, AwsError> CreateError { get; init; } = static (status, code, message) => new AwsError(status, code, message);

    /// <summary>Host-addressed fronts: <c>{id}.{label}…</c> (function URLs, execute-api, virtual-hosted S3).</summary>
    public IReadOnlyList<AwsHostPattern> Hosts { get; init; } = [];

    /// <summary>
    /// Whether a request signed for <see cref="SigningName"/> may be this service's when no host named it. False for
    /// fronts reached only by host or front path, such as function URLs, which are signed for <c>lambda</c> like the API.
    /// </summary>
    public bool ResolvedByScope { get; init; } = true;

    /// <summary>
    /// Host-addressed requests are API calls to be signed like any other (virtual-hosted S3), not a public front such
    /// as a function URL: <c>--verify-signatures</c> checks them.
    /// </summary>
    public bool SignedHosts { get; init; }

    /// <summary>Requests of this service that need no signature even under <c>--verify-signatures</c> (S3's CORS preflights).</summary>
    public Func<Microsoft.AspNetCore.Http.HttpRequest, bool>? Unsigned { get; init; }

    /// <summary>
    /// Requests signed with signature version 2 (<c>Authorization: AWS key:signature</c>, or a presigned URL's
    /// <c>AWSAccessKeyId</c> and <c>Signature</c> without an <c>Action</c>) are this service's: S3, whose older presigned
    /// URLs (the AWS CLI v1's <c>aws s3 presign</c>) carry no credential scope. At most one service declares it.
    /// </summary>
    public bool ResolvedBySignatureV2 { get; init; }

    /// <summary>Path forms of the same fronts for clients that cannot use the host, e.g. <c>/_aws/lambda-url/</c>.</summary>
    public IReadOnlyList<string> FrontPathPrefixes { get; init; } = [];

    /// <summary>JSON 1.0/1.1: the <c>X-Amz-Target</c> prefixes before the dot (<c>AmazonSQS</c>, <c>Logs_20140328</c>).</summary>
    public IReadOnlyList<string> TargetPrefixes { get; init; } = [];

    /// <summary>
    /// JSON 1.0/1.1: the operations named after a target prefix (<c>AmazonSQS.SendMessage</c>). The resolver needs only
    /// the prefix; the list is what <c>GET /_fulmen/operations</c> (and so the fuzz suite) shows. Empty: the query actions.
    /// </summary>
    public IReadOnlyList<string> TargetOperations { get; init; } = [];

    /// <summary>Query: the <c>Action</c>s an unsigned request may name to reach this service.</summary>
    public IReadOnlyList<string> QueryActions { get; init; } = [];

    /// <summary>
    /// A self-dispatching service's operations (no routes to read them from): what <c>GET /_fulmen/operations</c>, and so
    /// the fuzz suite, lists for it.
    /// </summary>
    public IReadOnlyList<HandledOperation> HandledOperations { get; init; } = [];

    /// <summary>REST: the first path segments of the service's operations (<c>2015-03-31</c>, <c>restapis</c>).</summary>
    public IReadOnlyList<string> PathSegments { get; init; } = [];

    /// <summary>The edge's answer to a request for this service with no operation, cached so resolution allocates nothing.</summary>
    internal EdgeTarget Target => field ??= new EdgeTarget(this, null);

    public override string ToString() => Name;

    /// <summary>The last resort for an exception nobody foresaw: the service's 500, naming the request id to look for in the log.</summary>
    public AwsError InternalFailure(string requestId) =>
        CreateError(500, InternalErrorCode, $"The server could not complete the request because of an internal error (request id {requestId}).");

    /// <summary>The error the service answers while its store is unreachable.</summary>
    public AwsError Unavailable(string message) => CreateError(503, UnavailableErrorCode, message);
}
