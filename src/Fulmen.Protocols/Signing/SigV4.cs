using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fulmen.Protocols.Signing;

/// <summary>
/// The pieces of AWS Signature Version 4 that signing and verifying share: the encoding, the canonical query, the
/// signing key and the string to sign, exactly as AWS's SigV4 specification states them.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>SHA-256 of nothing: the payload hash of every request without a body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The longest a presigned URL may live (<c>X-Amz-Expires</c>): seven days.</summary>
    public const int MaxPresignedSeconds = 604800;

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTimestamp(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    /// <summary>RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
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

    /// <summary>Each path segment encoded, slashes kept.</summary>
    public static string EncodePath(string path) => string.Join('/', path.Split('/').Select(Encode));

    /// <summary>
    /// The canonical query: every parameter decoded then encoded again, sorted by name then value, without
    /// <paramref name="excluded"/> (a presigned URL's own <c>X-Amz-Signature</c>).
    /// </summary>
    public static string CanonicalQuery(string rawQuery, string? excluded = null)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            if (key == excluded)
            {
                continue;
            }
            pairs.Add((Encode(key), Encode(equals < 0 ? "" : Unescape(pair[(equals + 1)..]))));
        }
        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var byKey and not 0 ? byKey : string.CompareOrdinal(a.Value, b.Value));
        return string.Join('&', pairs.Select(static p => $"{p.Key}={p.Value}"));
    }

    /// <summary>Percent-decoding that never throws: a malformed escape stays as sent.</summary>
    public static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    /// <summary>A header value in the canonical form: trimmed, runs of spaces collapsed to one.</summary>
    public static string CanonicalHeaderValue(string value) =>
        string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string CredentialScope(string date, string region, string service) => $"{date}/{region}/{service}/{Terminator}";

    public static string StringToSign(string timestamp, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{timestamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Terminator));
    }

    public static byte[] Sign(byte[] signingKey, string stringToSign) => HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
