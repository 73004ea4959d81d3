namespace Fulmen.Protocols.Edge;

/// <summary>
/// The service named in a SigV4 credential scope (<c>AKID/DATE/REGION/SERVICE/aws4_request</c>), read from the
/// <c>Authorization</c> header or a presigned URL's <c>X-Amz-Credential</c>, as a slice of the request's own text.
/// </summary>
public static class CredentialScope
{
    private const string HeaderMarker = "Credential=";
    private const string QueryMarker = "X-Amz-Credential=";

    /// <summary>The service of the header's scope, or empty for an unsigned or malformed header.</summary>
    public static ReadOnlySpan<char> FromAuthorization(ReadOnlySpan<char> authorization)
    {
        var start = authorization.IndexOf(HeaderMarker, StringComparison.Ordinal);
        if (start < 0)
        {
            return default;
        }
        var scope = authorization[(start + HeaderMarker.Length)..];
        var end = scope.IndexOfAny(',', ' ');
        return ServiceOf(end >= 0 ? scope[..end] : scope, "/");
    }

    /// <summary>The service of a presigned URL's scope (its slashes percent-encoded or not), or empty.</summary>
    public static ReadOnlySpan<char> FromQuery(ReadOnlySpan<char> query)
    {
        var start = query.IndexOf(QueryMarker, StringComparison.Ordinal);
        if (start < 0 || (start > 0 && query[start - 1] is not ('?' or '&')))
        {
            return default;
        }
        var scope = query[(start + QueryMarker.Length)..];
        var end = scope.IndexOf('&');
        scope = end >= 0 ? scope[..end] : scope;
        return scope.Contains('/') ? ServiceOf(scope, "/") : ServiceOf(scope, "%2F");
    }

    /// <summary>The fourth of five parts; the separator is <c>/</c> or, in a query, <c>%2F</c> (either case).</summary>
    private static ReadOnlySpan<char> ServiceOf(ReadOnlySpan<char> scope, string separator)
    {
        for (var part = 0; part < 3; part++)
        {
            var at = scope.IndexOf(separator, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return default;
            }
            scope = scope[(at + separator.Length)..];
        }
        var last = scope.IndexOf(separator, StringComparison.OrdinalIgnoreCase);
        return last > 0 && scope[(last + separator.Length)..].SequenceEqual("aws4_request") ? scope[..last] : default;
    }
}
