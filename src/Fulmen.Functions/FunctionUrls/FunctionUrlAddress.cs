namespace Fulmen.Functions.FunctionUrls;

/// <summary>
/// Where a function URL is reached. AWS's form is <c>https://{id}.lambda-url.{region}.on.aws/</c>; here the host
/// ends in <c>.localhost</c>, which curl and browsers resolve to loopback without any DNS set-up. Clients that do
/// not resolve <c>*.localhost</c> use the path form <c>http://{server}/_aws/lambda-url/{id}/…</c> instead.
/// </summary>
public sealed class FunctionUrlAddress(LambdaOptions options)
{
    public const string PathPrefix = "/_aws/lambda-url/";

    private readonly Uri _endpoint = new(options.EndpointUrl);

    /// <summary>The <c>FunctionUrl</c> the API returns.</summary>
    public string UrlOf(string urlId) => $"{_endpoint.Scheme}://{DomainOf(urlId)}:{_endpoint.Port}/";

    /// <summary>The path form of the same URL.</summary>
    public string PathUrlOf(string urlId) => $"{_endpoint.Scheme}://{_endpoint.Authority}{PathPrefix}{urlId}/";

    /// <summary>The host name (no port), as the event's <c>requestContext.domainName</c> shows it.</summary>
    public string DomainOf(string urlId) => $"{urlId}.lambda-url.{options.Region}.localhost";

    /// <summary>
    /// The URL id a request addresses by its host (<c>{id}.lambda-url.…</c>, any suffix, so an /etc/hosts entry for
    /// AWS's own <c>.on.aws</c> name works too), or null when the host is not a function URL's.
    /// </summary>
    public static string? IdFromHost(string host)
    {
        const string Label = ".lambda-url.";
        var at = host.IndexOf(Label, StringComparison.OrdinalIgnoreCase);
        return at == 32 && IsUrlId(host.AsSpan(0, 32)) ? host[..32].ToLowerInvariant() : null;
    }

    /// <summary>For the path form: the id and the path the function sees (<c>/</c> at least), or null.</summary>
    public static (string UrlId, string Path)? IdFromPath(string rawPath)
    {
        if (!rawPath.StartsWith(PathPrefix, StringComparison.Ordinal) || rawPath.Length < PathPrefix.Length + 32)
        {
            return null;
        }
        var id = rawPath.AsSpan(PathPrefix.Length, 32);
        var rest = rawPath[(PathPrefix.Length + 32)..];
        if (!IsUrlId(id) || (rest.Length > 0 && rest[0] != '/'))
        {
            return null;
        }
        return (id.ToString().ToLowerInvariant(), rest.Length == 0 ? "/" : rest);
    }

    private static bool IsUrlId(ReadOnlySpan<char> id)
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
