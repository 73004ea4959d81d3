namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// Whether an answer is one a service could give: anything below 500; a modelled 5xx of the operation; a front's own
/// error page. Never a 5xx without a body, never the last resort (<c>InternalFailure</c>, Lambda's <c>ServiceException</c>),
/// never the store's 503 while the store is up, never no answer at all.
/// </summary>
internal static class Verdict
{
    /// <summary>Lambda's modelled 5xx errors of Invoke (AWS's API reference): what a broken function or runtime gets.</summary>
    private static readonly HashSet<string> ModelledLambda5xx =
    [
        "ResourceNotReadyException", "InvalidRuntimeException", "InvalidZipFileException", "EC2UnexpectedException", "EC2ThrottledException",
        "ENILimitReachedException", "EFSMountFailureException", "SnapStartTimeoutException", "SnapStartException", "SnapStartNotReadyException",
    ];

    /// <summary>
    /// S3's modelled 5xx: <c>501 NotImplemented</c> for what implies functionality not implemented (a sub-resource not
    /// served, <c>If-None-Match</c> other than <c>*</c> on a write), as S3 itself answers (docs/s3.md, Errors).
    /// </summary>
    private static readonly HashSet<string> ModelledS3_5xx = ["NotImplemented"];

    private static readonly HashSet<string> NeverAcceptable =
        ["InternalFailure", "ServiceException", "InternalError", "ServiceUnavailable", "ServiceUnavailableException"];

    public static string? Judge(FuzzRequest request, FuzzResponse? response)
    {
        if (response is null)
        {
            return $"no answer within {FuzzClient.Patience.TotalSeconds:0} s";
        }
        if (response.Status == FuzzClient.Refused)
        {
            // A listener port closes when a generated DeleteListener removed it; the edge port never may.
            return request.Port is null ? "the server no longer accepts connections" : null;
        }
        if (response.Status < 500)
        {
            return null;
        }
        if (response.ErrorType is { } type && NeverAcceptable.Contains(type))
        {
            return $"{response.Status} {type}";
        }
        // A HEAD answer never has a body: its error type (or, on a front, its status alone) is all there is to judge.
        if (string.IsNullOrWhiteSpace(response.Body) && !(request.Method == "HEAD" && (request.Front || response.ErrorType is not null)))
        {
            return $"a bare {response.Status}";
        }
        if (request.Front || (response.ErrorType is { } modelled && (ModelledLambda5xx.Contains(modelled)
            || (request.SigningName == "s3" && response.Status == 501 && ModelledS3_5xx.Contains(modelled)))))
        {
            return null;
        }
        return $"an unmodelled {response.Status} {response.ErrorType}";
    }

    public static string? JudgeRaw(RawFraming.RawCase raw, int? status, string text)
    {
        if (status is null)
        {
            return $"no answer within {FuzzClient.Patience.TotalSeconds:0} s";
        }
        if (status == FuzzClient.Refused)
        {
            return raw.OwnPort ? null : "the server no longer accepts connections";
        }
        if (status < 500)
        {
            return null;
        }
        var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0 ? text[(end + 4)..] : "";
        if (NeverAcceptable.Any(type => text.Contains(type, StringComparison.Ordinal)))
        {
            return $"{status}, the last resort";
        }
        return string.IsNullOrWhiteSpace(body) ? $"a bare {status}" : raw.Front ? null : $"an unmodelled {status}";
    }
}
