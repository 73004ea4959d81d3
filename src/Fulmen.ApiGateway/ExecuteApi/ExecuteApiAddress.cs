namespace Fulmen.ApiGateway.ExecuteApi;

/// <summary>
/// Where APIs answer. AWS's form is <c>https://{apiId}.execute-api.{region}.amazonaws.com</c>; here the host is
/// <c>{apiId}.execute-api.localhost</c>, which curl and browsers resolve to loopback with no DNS set-up. Clients that
/// do not resolve <c>*.localhost</c> use the path form <c>http://{server}/_aws/execute-api/{apiId}/…</c>.
/// </summary>
public static class ExecuteApiAddress
{
    public const string PathPrefix = "/_aws/execute-api/";
    public const int IdLength = 10;

    /// <summary>The host name (no port), as events show it in <c>requestContext.domainName</c>.</summary>
    public static string DomainOf(string apiId) => $"{apiId}.execute-api.localhost";

    /// <summary>The <c>ApiEndpoint</c> the control planes return, e.g. <c>http://abc123defg.execute-api.localhost:4566</c>.</summary>
    public static string EndpointOf(string apiId, Uri server) => $"{server.Scheme}://{DomainOf(apiId)}:{server.Port}";

    /// <summary>The API a request addresses by its host (<c>{apiId}.execute-api.…</c>, any suffix), or null.</summary>
    public static string? IdFromHost(string host)
    {
        const string Label = ".execute-api.";
        var at = host.IndexOf(Label, StringComparison.OrdinalIgnoreCase);
        return at == IdLength && IsApiId(host.AsSpan(0, IdLength)) ? host[..IdLength].ToLowerInvariant() : null;
    }

    /// <summary>For the path form: the API id and the path after it (<c>/</c> at least), or null.</summary>
    public static (string ApiId, string Path)? IdFromPath(string rawPath)
    {
        if (!rawPath.StartsWith(PathPrefix, StringComparison.Ordinal) || rawPath.Length < PathPrefix.Length + IdLength)
        {
            return null;
        }
        var id = rawPath.AsSpan(PathPrefix.Length, IdLength);
        var rest = rawPath[(PathPrefix.Length + IdLength)..];
        if (!IsApiId(id) || (rest.Length > 0 && rest[0] != '/'))
        {
            return null;
        }
        return (id.ToString().ToLowerInvariant(), rest.Length == 0 ? "/" : rest);
    }

    /// <summary>A fresh id: 10 lowercase letters and digits, like AWS's. Random, so REST and HTTP APIs never collide in practice.</summary>
    public static string NewId(int length = IdLength)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    private static bool IsApiId(ReadOnlySpan<char> id)
    {
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
