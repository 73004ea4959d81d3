using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>
/// Checks an AWS Signature Version 4 <c>Authorization</c> header (service <c>lambda</c>, this server's region)
/// against the credentials the server knows. Presigned query-string signatures are not accepted.
/// </summary>
public sealed class SigV4Verifier(FunctionUrlOptions options, LambdaOptions lambda, TimeProvider time)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The access key that signed the request, or null when it is unsigned or the signature does not hold.</summary>
    public string? Verify(HttpRequest request, string rawPath, string rawQuery, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return null;
        }
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[2] != lambda.Region || scope[3] != "lambda" || scope[4] != "aws4_request"
            || !options.Credentials.TryGetValue(scope[0], out var secret))
        {
            return null;
        }
        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !amzDate.StartsWith(scope[1], StringComparison.Ordinal)
            || (time.GetUtcNow() - signedAt).Duration() > options.MaxClockSkew)
        {
            return null;
        }
        var payloadHash = PayloadHash(request, body);
        if (payloadHash is null)
        {
            return null;
        }
        var headerNames = signedHeaders.Split(';');
        if (!headerNames.Contains("host"))
        {
            return null;
        }
        var canonicalHeaders = new StringBuilder();
        foreach (var name in headerNames)
        {
            var values = request.Headers[name].Select(v => CollapseSpaces(v ?? ""));
            canonicalHeaders.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }
        var key = SigningKey(secret, scope[1]);
        var credentialScope = string.Join('/', scope[1..]);
        var expected = Convert.FromHexString(signature.Length % 2 == 0 && signature.All(char.IsAsciiHexDigit) ? signature : "");
        // Clients differ on the URI and query they sign: AWS's SDKs encode the path once more and sort the query;
        // curl (before 8.x) signs both as sent. Any of these forms, correctly signed, is the same request.
        foreach (var uri in new[] { rawPath, EncodePath(rawPath) }.Distinct())
        {
            foreach (var query in new[] { CanonicalQuery(rawQuery), rawQuery }.Distinct())
            {
                var canonicalRequest = $"{request.Method}\n{uri}\n{query}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
                var stringToSign = $"{Algorithm}\n{amzDate}\n{credentialScope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
                var actual = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign));
                if (CryptographicOperations.FixedTimeEquals(actual, expected))
                {
                    return scope[0];
                }
            }
        }
        return null;
    }

    /// <summary>The signed payload hash: X-Amz-Content-Sha256 when sent (it must match the body), else the body's hash.</summary>
    private static string? PayloadHash(HttpRequest request, byte[] body)
    {
        var actual = Hex(SHA256.HashData(body));
        var given = request.Headers["x-amz-content-sha256"].ToString();
        return given.Length == 0 ? actual
            : given == "UNSIGNED-PAYLOAD" || given.Equals(actual, StringComparison.OrdinalIgnoreCase) ? given
            : null;
    }

    private byte[] SigningKey(string secret, string date)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(lambda.Region));
        key = HMACSHA256.HashData(key, "lambda"u8);
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    private static string CanonicalQuery(string rawQuery) => string.Join('&', rawQuery
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(pair => (Key: Encode(Uri.UnescapeDataString(pair[0])), Value: Encode(pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "")))
        .OrderBy(pair => pair.Key, StringComparer.Ordinal)
        .ThenBy(pair => pair.Value, StringComparer.Ordinal)
        .Select(pair => $"{pair.Key}={pair.Value}"));

    private static string EncodePath(string path) => string.Join('/', path.Split('/').Select(Encode));

    /// <summary>RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
