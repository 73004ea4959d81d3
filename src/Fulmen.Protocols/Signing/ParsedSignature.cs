using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Signing;

/// <summary>What a request's SigV4 signature states: from the <c>Authorization</c> header or from a presigned URL's query.</summary>
internal sealed record ParsedSignature(
    string AccessKey, string Date, string Region, string Service, string SignedHeaders, string Signature,
    string Timestamp, DateTimeOffset SignedAt)
{
    public bool Presigned { get; init; }

    /// <summary>A presigned URL's lifetime (<c>X-Amz-Expires</c>).</summary>
    public TimeSpan Expires { get; init; }

    /// <summary>A presigned URL's <c>X-Amz-Content-Sha256</c>, when it names the payload hash.</summary>
    public string? PayloadHash { get; init; }

    public string Scope => SigV4.CredentialScope(Date, Region, Service);

    private const string QueryParametersMessage = "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.";

    /// <summary>Reads the signature; an unsigned request, or one whose signature cannot be read, is a failure, never an exception.</summary>
    public static ParsedSignature? Parse(HttpRequest request, out SignatureCheck failure)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            return FromHeader(request, authorization.ToString(), out failure);
        }
        if (request.Query.ContainsKey("X-Amz-Signature") || request.Query.ContainsKey("X-Amz-Credential") || request.Query.ContainsKey("X-Amz-Algorithm"))
        {
            return FromQuery(request.Query, out failure);
        }
        failure = SignatureCheck.Fail(SignatureFailure.Missing);
        return null;
    }

    private static ParsedSignature? FromHeader(HttpRequest request, string authorization, out SignatureCheck failure)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicate = false;
        var algorithmOk = authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal);
        if (algorithmOk)
        {
            foreach (var part in authorization[(SigV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    duplicate |= !parts.TryAdd(part[..equals].Trim(), part[(equals + 1)..].Trim());
                }
            }
        }
        var missing = new List<string>();
        foreach (var name in new[] { "Credential", "Signature", "SignedHeaders" })
        {
            if (!parts.TryGetValue(name, out var value) || value.Length == 0)
            {
                missing.Add($"Authorization header requires '{name}' parameter.");
            }
        }
        var timestamp = request.Headers["x-amz-date"].ToString();
        DateTimeOffset signedAt = default;
        if (timestamp.Length > 0 ? !SigV4.TryParseTimestamp(timestamp, out signedAt) : !TryParseHttpDate(request.Headers.Date.ToString(), out signedAt))
        {
            missing.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (duplicate)
        {
            missing.Add("Authorization header has a repeated parameter.");
        }
        if (missing.Count > 0)
        {
            failure = SignatureCheck.Fail(SignatureFailure.Incomplete, $"{string.Join(' ', missing)} Authorization={authorization}");
            return null;
        }
        return FromParts(parts["Credential"], parts["SignedHeaders"], parts["Signature"], SigV4.Timestamp(signedAt), signedAt, out failure);
    }

    private static ParsedSignature? FromQuery(IQueryCollection query, out SignatureCheck failure)
    {
        string? Single(string name) => query.TryGetValue(name, out var values) && values.Count == 1 && values[0] is { Length: > 0 } value ? value : null;
        if (Single("X-Amz-Algorithm") is not SigV4.Algorithm || Single("X-Amz-Credential") is not { } credential
            || Single("X-Amz-Signature") is not { } signature || Single("X-Amz-Date") is not { } timestamp
            || Single("X-Amz-SignedHeaders") is not { } signedHeaders || !SigV4.TryParseTimestamp(timestamp, out var signedAt))
        {
            failure = SignatureCheck.Fail(SignatureFailure.Incomplete, QueryParametersMessage) with { Presigned = true };
            return null;
        }
        if (!int.TryParse(Single("X-Amz-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires is < 1 or > SigV4.MaxPresignedSeconds)
        {
            failure = SignatureCheck.Fail(SignatureFailure.InvalidExpires,
                "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds") with { Presigned = true };
            return null;
        }
        var parsed = FromParts(credential, signedHeaders, signature, timestamp, signedAt, out failure);
        return parsed is null ? null : parsed with
        {
            Presigned = true,
            Expires = TimeSpan.FromSeconds(expires),
            PayloadHash = Single("X-Amz-Content-Sha256"),
        };
    }

    private static ParsedSignature? FromParts(string credential, string signedHeaders, string signature, string timestamp, DateTimeOffset signedAt, out SignatureCheck failure)
    {
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope.Any(static s => s.Length == 0) || scope[4] != SigV4.Terminator)
        {
            failure = SignatureCheck.Fail(SignatureFailure.Incomplete,
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
            return null;
        }
        if (!timestamp.StartsWith(scope[1], StringComparison.Ordinal))
        {
            failure = SignatureCheck.Fail(SignatureFailure.Incomplete,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{timestamp[..8]}', from '{timestamp}'.");
            return null;
        }
        failure = default;
        return new ParsedSignature(scope[0], scope[1], scope[2], scope[3], signedHeaders, signature, timestamp, signedAt);
    }

    private static bool TryParseHttpDate(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
}
