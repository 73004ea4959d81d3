using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fulmen.Protocols.Signing;

/// <summary>
/// Checks a request's AWS Signature Version 4, in the <c>Authorization</c> header or a presigned URL's query, against
/// the configured credentials, for any service in this server's region. Every outcome is a <see cref="SignatureCheck"/>;
/// nothing a caller sends makes it throw.
/// </summary>
public sealed class SigV4Verifier(SigningCredentials credentials, string region, TimeProvider time)
{
    private const string StreamingPrefix = "STREAMING-";

    /// <summary>Checks a request whose body the caller already holds (function URLs read it anyway).</summary>
    public SignatureCheck Verify(HttpRequest request, SignatureRules rules, ReadOnlySpan<byte> body)
    {
        if (Prepare(request, rules, out var failure) is not ({ } signature, { } secret))
        {
            return failure;
        }
        var bodyHash = NeedsBodyHash(request, signature, rules) ? SigV4.Hex(SHA256.HashData(body)) : SigV4.EmptyPayloadHash;
        return Match(request, rules, signature, secret, bodyHash);
    }

    /// <summary>Checks a request on its way to a handler; the body is buffered and hashed only when the signature covers it.</summary>
    public async ValueTask<SignatureCheck> VerifyAsync(HttpRequest request, SignatureRules rules, CancellationToken cancellationToken)
    {
        if (Prepare(request, rules, out var failure) is not ({ } signature, { } secret))
        {
            return failure;
        }
        var bodyHash = NeedsBodyHash(request, signature, rules) ? await HashBodyAsync(request, cancellationToken) : SigV4.EmptyPayloadHash;
        return Match(request, rules, signature, secret, bodyHash);
    }

    /// <summary>Everything that needs no body: the signature's parts, its scope, the key, the time.</summary>
    private (ParsedSignature Signature, string Secret)? Prepare(HttpRequest request, SignatureRules rules, out SignatureCheck failure)
    {
        var now = time.GetUtcNow();
        if (ParsedSignature.Parse(request, out failure) is not { } signature)
        {
            failure = failure with { Now = now };
            return null;
        }
        var context = new SignatureCheck(SignatureFailure.None, null) { SignedAt = signature.SignedAt, Now = now, Presigned = signature.Presigned };
        if (signature.Region != region)
        {
            failure = context with { Failure = SignatureFailure.WrongRegion, Detail = signature.Region, Expected = region };
            return null;
        }
        if (rules.Service is { } service && signature.Service != service)
        {
            failure = context with { Failure = SignatureFailure.WrongService, Detail = signature.Service, Expected = service };
            return null;
        }
        if (!credentials.TryGetSecret(signature.AccessKey, out var secret))
        {
            failure = context with { Failure = SignatureFailure.UnknownAccessKey, Detail = signature.AccessKey };
            return null;
        }
        var timeFailure = signature.Presigned && now > signature.SignedAt + signature.Expires ? SignatureFailure.PresignedExpired
            : !signature.Presigned && signature.SignedAt < now - rules.MaxSkew ? SignatureFailure.RequestExpired
            : signature.SignedAt > now + rules.MaxSkew ? SignatureFailure.RequestNotYetValid
            : SignatureFailure.None;
        if (timeFailure != SignatureFailure.None)
        {
            failure = context with
            {
                Failure = timeFailure,
                Window = timeFailure == SignatureFailure.PresignedExpired ? signature.Expires : rules.MaxSkew,
            };
            return null;
        }
        failure = default;
        return (signature, secret);
    }

    /// <summary>The body's hash is needed when no other payload hash is signed and the request can carry a body.</summary>
    private static bool NeedsBodyHash(HttpRequest request, ParsedSignature signature, SignatureRules rules)
    {
        var declared = signature.Presigned ? signature.PayloadHash : request.Headers["x-amz-content-sha256"].ToString();
        if (declared is { Length: > 0 } || (signature.Presigned && rules.SignsPathAsSent))
        {
            return false;
        }
        return request.ContentLength is not 0 && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false;
    }

    private static async ValueTask<string> HashBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        request.Body.Position = 0;
        return SigV4.Hex(hash.GetHashAndReset());
    }

    private static SignatureCheck Match(HttpRequest request, SignatureRules rules, ParsedSignature signature, string secret, string bodyHash)
    {
        var context = new SignatureCheck(SignatureFailure.None, null) { SignedAt = signature.SignedAt, Presigned = signature.Presigned };
        if (!TryDecodeHex(signature.Signature, out var expected))
        {
            return context with { Failure = SignatureFailure.SignatureMismatch, SignatureProvided = signature.Signature };
        }
        var (rawPath, rawQuery) = RawTarget(request);
        var headers = CanonicalHeaders(request, signature.SignedHeaders);
        var key = SigV4.SigningKey(secret, signature.Date, signature.Region, signature.Service);
        string? firstCanonical = null, firstStringToSign = null;
        foreach (var payload in PayloadHashes(request, signature, rules, bodyHash))
        {
            foreach (var path in CanonicalPaths(rawPath, rules.SignsPathAsSent))
            {
                foreach (var query in CanonicalQueries(rawQuery, signature.Presigned))
                {
                    var canonical = $"{request.Method}\n{path}\n{query}\n{headers}\n{signature.SignedHeaders}\n{payload}";
                    var stringToSign = SigV4.StringToSign(signature.Timestamp, signature.Scope, canonical);
                    if (CryptographicOperations.FixedTimeEquals(SigV4.Sign(key, stringToSign), expected))
                    {
                        return SignatureCheck.Valid(signature.AccessKey);
                    }
                    firstCanonical ??= canonical;
                    firstStringToSign ??= stringToSign;
                }
            }
        }
        return context with
        {
            Failure = SignatureFailure.SignatureMismatch,
            CanonicalRequest = firstCanonical,
            StringToSign = firstStringToSign,
            SignatureProvided = signature.Signature,
        };
    }

    private static IEnumerable<string> PayloadHashes(HttpRequest request, ParsedSignature signature, SignatureRules rules, string bodyHash)
    {
        if (signature.Presigned)
        {
            // SDKs presign S3 with UNSIGNED-PAYLOAD and other services with the (usually empty) body's hash.
            return signature.PayloadHash is { } declared ? [declared]
                : rules.SignsPathAsSent ? [SigV4.UnsignedPayload]
                : [bodyHash, SigV4.UnsignedPayload];
        }
        // A declared hash (UNSIGNED-PAYLOAD, STREAMING-* for the seed signature, or the body's hash) is what was
        // signed; S3 compares a declared hash with the body as it reads it.
        var header = request.Headers["x-amz-content-sha256"].ToString();
        return header.Length == 0 ? [bodyHash]
            : header == SigV4.UnsignedPayload || header.StartsWith(StreamingPrefix, StringComparison.Ordinal) || header.Length == 64 ? [header]
            : [];
    }

    /// <summary>
    /// Clients differ on the path they sign: AWS's SDKs encode it once more for every service but S3, and curl
    /// (before 8.x) signs it as sent. Any of these forms, correctly signed, is the same request.
    /// </summary>
    private static IEnumerable<string> CanonicalPaths(string rawPath, bool signsPathAsSent)
    {
        var path = rawPath.Length == 0 ? "/" : rawPath;
        var normalized = string.Join('/', path.Split('/').Select(static segment => SigV4.Encode(SigV4.Unescape(segment))));
        string[] candidates = signsPathAsSent
            ? [path, normalized]
            : [SigV4.EncodePath(path), SigV4.EncodePath(normalized), path, normalized];
        return candidates.Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<string> CanonicalQueries(string rawQuery, bool presigned) =>
        presigned ? [SigV4.CanonicalQuery(rawQuery, "X-Amz-Signature")]
            : new[] { SigV4.CanonicalQuery(rawQuery), rawQuery }.Distinct(StringComparer.Ordinal);

    private static string CanonicalHeaders(HttpRequest request, string signedHeaders)
    {
        var builder = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            builder.Append(name).Append(':');
            var first = true;
            foreach (var value in request.Headers[name])
            {
                builder.Append(first ? "" : ",").Append(SigV4.CanonicalHeaderValue(value ?? ""));
                first = false;
            }
            builder.Append('\n');
        }
        return builder.ToString();
    }

    private static (string Path, string Query) RawTarget(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return (request.PathBase.Add(request.Path).ToUriComponent(), request.QueryString.HasValue ? request.QueryString.Value![1..] : "");
        }
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (raw, "") : (raw[..question], raw[(question + 1)..]);
    }

    private static bool TryDecodeHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }
        bytes = Convert.FromHexString(hex);
        return true;
    }
}
