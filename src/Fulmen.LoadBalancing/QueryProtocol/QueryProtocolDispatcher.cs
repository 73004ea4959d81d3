using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Fulmen.LoadBalancing.QueryProtocol;

/// <summary>
/// Picks the query-protocol service a <c>POST /</c> is for, from the credential scope of its SigV4 Authorization
/// header (<c>Credential=AKID/DATE/REGION/SERVICE/aws4_request</c>). Only form posts qualify.
/// </summary>
public sealed class QueryProtocolDispatcher(IEnumerable<IQueryProtocolService> services)
{
    private readonly Dictionary<string, IQueryProtocolService> _bySigningName =
        services.ToDictionary(s => s.SigningName, StringComparer.Ordinal);

    public IQueryProtocolService? Find(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || !IsForm(request.ContentType))
        {
            return null;
        }
        var name = SigningName(request.Headers.Authorization.ToString());
        return name is not null && _bySigningName.TryGetValue(name, out var service) ? service : null;
    }

    public async Task HandleAsync(HttpContext context)
    {
        // The endpoint only matches when Find succeeded (see QueryProtocolMatcherPolicy).
        var service = Find(context.Request)!;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        await service.HandleAsync(context, form);
    }

    /// <summary>The service part of the credential scope, or null for an unsigned or malformed header.</summary>
    public static string? SigningName(string authorization)
    {
        const string marker = "Credential=";
        var start = authorization.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        var scope = authorization.AsSpan(start + marker.Length);
        var end = scope.IndexOfAny(',', ' ');
        if (end >= 0)
        {
            scope = scope[..end];
        }
        // AKID / date / region / service / aws4_request
        Span<Range> parts = stackalloc Range[6];
        return scope.Split(parts, '/') == 5 ? scope[parts[3]].ToString() : null;
    }

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
