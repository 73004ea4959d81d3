namespace Fulmen.Protocols.Signing;

/// <summary>Why a request's signature was refused; <see cref="SignatureErrors"/> turns each into each protocol's error.</summary>
public enum SignatureFailure
{
    None,
    /// <summary>No <c>Authorization</c> header and no <c>X-Amz-Signature</c> parameter: an unsigned request.</summary>
    Missing,
    /// <summary>A SigV4 signature lacking a part, repeating one, or with parts that cannot be read.</summary>
    Incomplete,
    /// <summary>A presigned URL whose <c>X-Amz-Expires</c> is not 1–604800 seconds.</summary>
    InvalidExpires,
    /// <summary>The credential scope names another region than the server's.</summary>
    WrongRegion,
    /// <summary>The credential scope names another service than the one the request is for.</summary>
    WrongService,
    UnknownAccessKey,
    SignatureMismatch,
    /// <summary>Signed longer ago than the service's allowed clock skew.</summary>
    RequestExpired,
    /// <summary>Signed further in the future than the service's allowed clock skew.</summary>
    RequestNotYetValid,
    /// <summary>A presigned URL used after its <c>X-Amz-Date</c> plus <c>X-Amz-Expires</c>.</summary>
    PresignedExpired,
}

/// <summary>
/// The verifier's answer as a value: the access key that signed the request, or the failure with what AWS's message
/// for it quotes (the signing time, the server's time, the allowed window, the canonical request).
/// </summary>
public readonly record struct SignatureCheck(SignatureFailure Failure, string? AccessKey)
{
    public bool IsValid => Failure == SignatureFailure.None;

    /// <summary>When the request says it was signed (<c>X-Amz-Date</c>); default when unknown.</summary>
    public DateTimeOffset SignedAt { get; init; }

    /// <summary>The server's time at the check.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The allowed clock skew, or a presigned URL's lifetime (<c>X-Amz-Expires</c>).</summary>
    public TimeSpan Window { get; init; }

    /// <summary>Incomplete: what is missing or wrong; WrongRegion/WrongService/UnknownAccessKey: the scope's value.</summary>
    public string? Detail { get; init; }

    /// <summary>WrongRegion/WrongService: the value the server expected.</summary>
    public string? Expected { get; init; }

    /// <summary>Signature mismatch: the canonical request and string to sign the server computed, as AWS quotes them.</summary>
    public string? CanonicalRequest { get; init; }

    public string? StringToSign { get; init; }

    /// <summary>The signature the caller sent.</summary>
    public string? SignatureProvided { get; init; }

    public bool Presigned { get; init; }

    public static SignatureCheck Valid(string accessKey) => new(SignatureFailure.None, accessKey);

    public static SignatureCheck Fail(SignatureFailure failure, string? detail = null) => new(failure, null) { Detail = detail };
}
