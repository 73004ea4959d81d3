using Fulmen.Functions.Http;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>
/// A URL's CORS configuration applied as AWS's front applies it: preflights (OPTIONS with Origin and
/// Access-Control-Request-Method) are answered without running the function, and responses to an allowed origin
/// get the Access-Control-* headers in place of any the function set.
/// </summary>
public static class FunctionUrlCors
{
    /// <summary>Whether <paramref name="value"/> can go into a response header: visible ASCII, spaces and tabs only.</summary>
    public static bool IsHeaderText(string? value) => value is not null && value.All(c => c is '\t' or (>= ' ' and <= '~'));

    public static bool IsPreflight(HttpRequest request, FunctionUrlCorsRecord? cors) =>
        cors is not null && HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0 && request.Headers.AccessControlRequestMethod.Count > 0;

    /// <summary>200 with the allowed origin, methods, headers and max age; without them when the origin is not allowed.</summary>
    public static void WritePreflight(HttpContext context, FunctionUrlCorsRecord cors)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = 0;
        if (AllowedOrigin(context.Request, cors) is not { } origin)
        {
            return;
        }
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (Joined(cors.AllowMethods) is { } methods)
        {
            headers.AccessControlAllowMethods = methods;
        }
        if (Joined(cors.AllowHeaders) is { } allowHeaders)
        {
            headers.AccessControlAllowHeaders = allowHeaders;
        }
        if (Joined(cors.ExposeHeaders) is { } expose)
        {
            headers.AccessControlExposeHeaders = expose;
        }
        if (cors.MaxAge is { } maxAge)
        {
            headers.AccessControlMaxAge = maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (cors.AllowCredentials == true)
        {
            headers.AccessControlAllowCredentials = "true";
        }
    }

    /// <summary>Adds the CORS headers of an actual (non-preflight) response.</summary>
    public static void Apply(HttpContext context, FunctionUrlCorsRecord? cors)
    {
        if (cors is null || AllowedOrigin(context.Request, cors) is not { } origin)
        {
            return;
        }
        var headers = context.Response.Headers;
        foreach (var name in new[] { "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers" })
        {
            headers.Remove(name);
        }
        headers.AccessControlAllowOrigin = origin;
        headers.Append("Vary", "Origin");
        if (Joined(cors.ExposeHeaders) is { } expose)
        {
            headers.AccessControlExposeHeaders = expose;
        }
        if (cors.AllowCredentials == true)
        {
            headers.AccessControlAllowCredentials = "true";
        }
    }

    /// <summary>
    /// The configured values as one header value, or null when none is left. A value no header can carry is left out
    /// rather than fail the response: a configuration stored before the API refused such values must not break its URL.
    /// </summary>
    private static string? Joined(IReadOnlyList<string>? values) =>
        values?.Where(v => v is not null && HeaderRules.IsFieldValue(v)).ToList() is { Count: > 0 } valid ? string.Join(',', valid) : null;

    /// <summary>
    /// The Access-Control-Allow-Origin value, or null when the request's origin is not allowed. A <c>*</c> entry
    /// answers <c>*</c>, except with credentials, where browsers need the origin itself.
    /// </summary>
    private static string? AllowedOrigin(HttpRequest request, FunctionUrlCorsRecord cors)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || cors.AllowOrigins is not { Count: > 0 } allowed)
        {
            return null;
        }
        if (allowed.Contains("*"))
        {
            return cors.AllowCredentials == true ? origin : "*";
        }
        return allowed.Any(a => a is not null && Matches(a, origin)) ? origin : null;
    }

    /// <summary>Exact (case-insensitive) or with one <c>*</c> standing for a run of characters, e.g. <c>https://*.example.com</c>.</summary>
    private static bool Matches(string pattern, string origin)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return pattern.Equals(origin, StringComparison.OrdinalIgnoreCase);
        }
        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..];
        return origin.Length >= prefix.Length + suffix.Length
            && origin.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && origin.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
