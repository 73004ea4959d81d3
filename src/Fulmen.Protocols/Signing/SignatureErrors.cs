using System.Globalization;
using Fulmen.Protocols.Errors;

namespace Fulmen.Protocols.Signing;

/// <summary>
/// A refused signature as each protocol's error, as AWS's endpoints answer it: the one place that knows them, so a
/// new service gets its errors from its protocol. A service whose codes differ passes its own table to the middleware.
/// </summary>
public static class SignatureErrors
{
    private const string Mismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    private const string InvalidToken = "The security token included in the request is invalid.";

    public static AwsError For(AwsService service, SignatureCheck check) => For(service.Protocol, check);

    /// <summary>
    /// The refusal in <paramref name="protocol"/>: the protocol the request came in, which for a query service that also
    /// takes JSON 1.0 (SQS) is the request's own (<see cref="AwsErrorWriter.ProtocolOf"/>), so codes match the envelope.
    /// </summary>
    public static AwsError For(AwsProtocol protocol, SignatureCheck check) => protocol switch
    {
        AwsProtocol.Query => Query(check),
        AwsProtocol.RestXml => RestXml(check),
        // JSON 1.0/1.1 services (DynamoDB, Kinesis, EventBridge) answer 400 where REST-JSON ones (Lambda, API Gateway) answer 403.
        AwsProtocol.Json10 or AwsProtocol.Json11 => Json(check, 400),
        _ => Json(check, 403),
    };

    private static AwsError Json(SignatureCheck check, int status) => check.Failure switch
    {
        SignatureFailure.Missing => new AwsError(status, "MissingAuthenticationTokenException", "Missing Authentication Token"),
        SignatureFailure.Incomplete or SignatureFailure.InvalidExpires => new AwsError(status, "IncompleteSignatureException", check.Detail ?? ""),
        SignatureFailure.UnknownAccessKey => new AwsError(status, "UnrecognizedClientException", InvalidToken),
        _ => new AwsError(status, "InvalidSignatureException", SignatureMessage(check, withCanonical: true)),
    };

    private static AwsError Query(SignatureCheck check) => check.Failure switch
    {
        SignatureFailure.Missing => new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
        SignatureFailure.Incomplete or SignatureFailure.InvalidExpires => new AwsError(400, "IncompleteSignature", check.Detail ?? ""),
        SignatureFailure.UnknownAccessKey => new AwsError(403, "InvalidClientTokenId", InvalidToken),
        SignatureFailure.PresignedExpired => new AwsError(400, "RequestExpired", $"Request has expired. Timestamp date: {Iso(check.SignedAt)}"),
        _ => new AwsError(403, "SignatureDoesNotMatch", SignatureMessage(check, withCanonical: false)),
    };

    private static AwsError RestXml(SignatureCheck check) => check.Failure switch
    {
        SignatureFailure.Missing => new AwsError(403, "AccessDenied", "Access Denied"),
        SignatureFailure.Incomplete or SignatureFailure.InvalidExpires when check.Presigned => new AwsError(400, "AuthorizationQueryParametersError", check.Detail ?? ""),
        SignatureFailure.Incomplete or SignatureFailure.InvalidExpires => new AwsError(400, "AuthorizationHeaderMalformed", $"The authorization header is malformed; {check.Detail}"),
        SignatureFailure.WrongRegion => new AwsError(400, "AuthorizationHeaderMalformed", $"The authorization header is malformed; the region '{check.Detail}' is wrong; expecting '{check.Expected}'")
        {
            Fields = [new("Region", check.Expected ?? "")],
        },
        SignatureFailure.WrongService => new AwsError(400, "AuthorizationHeaderMalformed", $"The authorization header is malformed; incorrect service. This endpoint belongs to \"{check.Expected}\"."),
        SignatureFailure.UnknownAccessKey => new AwsError(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
        {
            Fields = [new("AWSAccessKeyId", check.Detail ?? "")],
        },
        SignatureFailure.RequestExpired or SignatureFailure.RequestNotYetValid => new AwsError(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
        {
            Fields = [new("RequestTime", SigV4.Timestamp(check.SignedAt)), new("ServerTime", Iso(check.Now)),
                new("MaxAllowedSkewMilliseconds", ((long)check.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))],
        },
        SignatureFailure.PresignedExpired => new AwsError(403, "AccessDenied", "Request has expired")
        {
            Fields = [new("X-Amz-Expires", ((long)check.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
                new("Expires", Iso(check.SignedAt + check.Window)), new("ServerTime", Iso(check.Now))],
        },
        _ => new AwsError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        {
            Fields = [new("StringToSign", check.StringToSign ?? ""), new("SignatureProvided", check.SignatureProvided ?? ""),
                new("CanonicalRequest", check.CanonicalRequest ?? "")],
        },
    };

    /// <summary>The messages AWS's front door gives for a signature it refuses (Lambda quotes what it computed).</summary>
    private static string SignatureMessage(SignatureCheck check, bool withCanonical) => check.Failure switch
    {
        SignatureFailure.WrongRegion => "Credential should be scoped to a valid region. ",
        SignatureFailure.WrongService => $"Credential should be scoped to correct service: '{check.Expected}'. ",
        SignatureFailure.RequestExpired or SignatureFailure.PresignedExpired =>
            $"Signature expired: {SigV4.Timestamp(check.SignedAt)} is now earlier than {SigV4.Timestamp(check.Now - check.Window)} ({SigV4.Timestamp(check.Now)} - {Span(check.Window)}.)",
        SignatureFailure.RequestNotYetValid =>
            $"Signature not yet current: {SigV4.Timestamp(check.SignedAt)} is still later than {SigV4.Timestamp(check.Now + check.Window)} ({SigV4.Timestamp(check.Now)} + {Span(check.Window)}.)",
        _ when withCanonical && check.CanonicalRequest is { } canonical =>
            $"{Mismatch}\n\nThe Canonical String for this request should have been\n'{canonical}'\n\nThe String-to-Sign should have been\n'{check.StringToSign}'\n",
        _ => Mismatch,
    };

    private static string Span(TimeSpan window) => window.TotalSeconds % 60 == 0
        ? $"{(long)window.TotalMinutes} min"
        : $"{(long)window.TotalSeconds} sec";

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
