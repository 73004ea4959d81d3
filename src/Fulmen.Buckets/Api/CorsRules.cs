using System.Globalization;
using Fulmen.Buckets.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Buckets.Api;

/// <summary>
/// A bucket's CORS configuration honoured as S3 does: a preflight (<c>OPTIONS</c> with <c>Origin</c> and
/// <c>Access-Control-Request-Method</c>) is answered from the first rule that allows the origin, the method and every
/// requested header, else 403; a request with <c>Origin</c> gets the matching rule's headers on its answer.
/// </summary>
internal static class CorsRules
{
    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Origin");

    public static Task PreflightAsync(S3Request r, BucketRecord? bucket)
    {
        var origin = r.Header("Origin")!;
        var method = r.Header("Access-Control-Request-Method");
        if (method is null)
        {
            throw S3Errors.Error(400, "BadRequest", "Insufficient information. Origin request header needed.");
        }
        if (bucket?.Cors is not { Count: > 0 } rules)
        {
            throw S3Errors.Error(403, "AccessForbidden", "CORSResponse: CORS is not enabled for this bucket.", ("Method", method), ("ResourceType", "OBJECT"));
        }
        var requested = (r.Header("Access-Control-Request-Headers") ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rule = rules.FirstOrDefault(rule => Allows(rule, origin, method) && requested.All(h => rule.AllowedHeaders.Any(p => Wildcard(p, h))))
            ?? throw S3Errors.Error(403, "AccessForbidden",
                "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
                ("Method", method), ("ResourceType", "OBJECT"));
        Write(r.Response, rule, origin);
        if (requested.Length > 0)
        {
            r.Response.Headers.AccessControlAllowHeaders = string.Join(", ", requested);
        }
        r.Response.StatusCode = 200;
        r.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>Adds the CORS headers of the rule that allows this request's origin and method, if any.</summary>
    public static void Apply(S3Request r, BucketRecord? bucket)
    {
        if (r.Header("Origin") is not { } origin || bucket?.Cors is not { Count: > 0 } rules)
        {
            return;
        }
        var method = r.Request.Method.ToUpperInvariant();
        if (rules.FirstOrDefault(rule => Allows(rule, origin, method)) is { } matched)
        {
            Write(r.Response, matched, origin);
        }
    }

    private static void Write(HttpResponse response, CorsRule rule, string origin)
    {
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = rule.AllowedOrigins.Contains("*") ? "*" : origin;
        headers.AccessControlAllowMethods = string.Join(", ", rule.AllowedMethods);
        if (rule.ExposeHeaders.Count > 0)
        {
            headers.AccessControlExposeHeaders = string.Join(", ", rule.ExposeHeaders);
        }
        if (rule.MaxAgeSeconds is { } maxAge)
        {
            headers.AccessControlMaxAge = maxAge.ToString(CultureInfo.InvariantCulture);
        }
        headers.Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
    }

    private static bool Allows(CorsRule rule, string origin, string method) =>
        rule.AllowedMethods.Contains(method, StringComparer.Ordinal) && rule.AllowedOrigins.Any(p => Wildcard(p, origin));

    /// <summary>S3's patterns: at most one <c>*</c>, anywhere; headers compare without case.</summary>
    private static bool Wildcard(string pattern, string value)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return pattern.Equals(value, StringComparison.OrdinalIgnoreCase);
        }
        var head = pattern[..star];
        var tail = pattern[(star + 1)..];
        return value.Length >= head.Length + tail.Length
            && value.StartsWith(head, StringComparison.OrdinalIgnoreCase) && value.EndsWith(tail, StringComparison.OrdinalIgnoreCase);
    }
}
