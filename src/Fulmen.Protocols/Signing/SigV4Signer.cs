using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Fulmen.Protocols.Signing;

/// <summary>
/// Signs an outgoing request with SigV4 in the <c>Authorization</c> header, as AWS's SDKs do for every service
/// but S3 (path encoded once more, body hashed): Fulmen's own command line calling the server it runs beside.
/// </summary>
public static class SigV4Signer
{
    /// <param name="payloadHash">What <c>x-amz-content-sha256</c> declares, when the request sends it (S3's <c>STREAMING-…</c>, <c>UNSIGNED-PAYLOAD</c>); else the body's hash.</param>
    /// <param name="pathAsSent">S3: the path is signed as sent, not encoded once more.</param>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, SigningKeyPair key, string region, string service, DateTimeOffset now,
        string? payloadHash = null, bool pathAsSent = false)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no address.", nameof(request));
        var timestamp = SigV4.Timestamp(now);
        var date = timestamp[..8];
        var host = uri.Authority;
        request.Headers.Remove("x-amz-date");
        request.Headers.Add("x-amz-date", timestamp);
        const string signedHeaders = "host;x-amz-date";
        var canonical = string.Join('\n',
            request.Method.Method,
            pathAsSent ? uri.AbsolutePath : SigV4.EncodePath(uri.AbsolutePath),
            SigV4.CanonicalQuery(uri.Query.TrimStart('?')),
            $"host:{host}\nx-amz-date:{timestamp}\n",
            signedHeaders,
            payloadHash ?? SigV4.Hex(SHA256.HashData(body)));
        var scope = SigV4.CredentialScope(date, region, service);
        var signature = SigV4.Sign(SigV4.SigningKey(key.Secret, date, region, service), SigV4.StringToSign(timestamp, scope, canonical));
        request.Headers.Authorization = new AuthenticationHeaderValue(SigV4.Algorithm,
            $"Credential={key.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={SigV4.Hex(signature)}");
    }
}

/// <summary>An access key and its secret.</summary>
public sealed record SigningKeyPair(string AccessKey, string Secret);
