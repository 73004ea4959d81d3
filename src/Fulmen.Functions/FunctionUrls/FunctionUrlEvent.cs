using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>Who signed an AWS_IAM request, for the event's <c>requestContext.authorizer.iam</c>.</summary>
public sealed record IamCaller(string AccessKey, string AccountId);

/// <summary>What the function URL event is built from: the request as received, split into the parts the event shows.</summary>
public sealed record UrlRequest(string UrlId, string DomainName, string Path, string RawQuery, byte[] Body, IamCaller? Caller, string RequestId);

/// <summary>
/// The event a function URL sends (API Gateway payload format 2.0 with <c>$default</c> route and stage): header
/// names lower-cased and repeated headers comma-joined, cookies split out of <c>Cookie</c>, repeated query keys
/// comma-joined, a body that is not text sent as base64.
/// </summary>
public static class FunctionUrlEvent
{
    public static byte[] Build(HttpContext context, UrlRequest url, string accountId, DateTimeOffset now)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", "$default");
            json.WriteString("rawPath", url.Path);
            json.WriteString("rawQueryString", url.RawQuery);
            WriteCookies(json, request.Headers.Cookie);
            WriteHeaders(json, context, url.RequestId, now);
            WriteQuery(json, url.RawQuery);
            WriteRequestContext(json, context, url, accountId, now);
            var base64 = false;
            if (url.Body.Length > 0)
            {
                base64 = !IsText(request.ContentType);
                json.WriteString("body", base64 ? Convert.ToBase64String(url.Body) : System.Text.Encoding.UTF8.GetString(url.Body));
            }
            json.WriteBoolean("isBase64Encoded", base64);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Text bodies go to the function as they are; anything else (no content type, form posts, binaries) as base64, as AWS does.</summary>
    public static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/xml" or "application/javascript" or "application/graphql" or "application/yaml" or "application/x-yaml"
            || mediaType.EndsWith("+json", StringComparison.Ordinal) || mediaType.EndsWith("+xml", StringComparison.Ordinal);
    }

    private static void WriteCookies(Utf8JsonWriter json, Microsoft.Extensions.Primitives.StringValues cookieHeaders)
    {
        var cookies = cookieHeaders
            .SelectMany(header => (header ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        if (cookies.Count == 0)
        {
            return;
        }
        json.WriteStartArray("cookies");
        foreach (var cookie in cookies)
        {
            json.WriteStringValue(cookie);
        }
        json.WriteEndArray();
    }

    private static void WriteHeaders(Utf8JsonWriter json, HttpContext context, string requestId, DateTimeOffset now)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in context.Request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower != "cookie")
            {
                headers[lower] = string.Join(',', values.Where(v => v is not null));
            }
        }
        // What AWS's front adds on its way to the function.
        headers.TryAdd("x-forwarded-for", SourceIp(context));
        headers.TryAdd("x-forwarded-proto", context.Request.Scheme);
        headers.TryAdd("x-forwarded-port", context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
        headers.TryAdd("x-amzn-trace-id", $"Root=1-{now.ToUnixTimeSeconds():x8}-{requestId.Replace("-", "", StringComparison.Ordinal)[..24]}");
        json.WriteStartObject("headers");
        foreach (var (name, value) in headers)
        {
            json.WriteString(name, value);
        }
        json.WriteEndObject();
    }

    /// <summary>The client's address; an IPv4 client of a dual-stack socket as plain IPv4, as AWS shows it.</summary>
    private static string SourceIp(HttpContext context) => context.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "127.0.0.1";

    private static void WriteQuery(Utf8JsonWriter json, string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return;
        }
        var parameters = QueryHelpers.ParseQuery(rawQuery);
        if (parameters.Count == 0)
        {
            return;
        }
        json.WriteStartObject("queryStringParameters");
        foreach (var (name, values) in parameters)
        {
            json.WriteString(name, string.Join(',', values.Where(v => v is not null)));
        }
        json.WriteEndObject();
    }

    private static void WriteRequestContext(Utf8JsonWriter json, HttpContext context, UrlRequest url, string accountId, DateTimeOffset now)
    {
        var request = context.Request;
        json.WriteStartObject("requestContext");
        // AWS shows "anonymous" for a NONE URL and the owner's account for a signed one.
        json.WriteString("accountId", url.Caller is null ? "anonymous" : accountId);
        json.WriteString("apiId", url.UrlId);
        json.WriteNull("authentication");
        if (url.Caller is { } caller)
        {
            json.WriteStartObject("authorizer");
            json.WriteStartObject("iam");
            json.WriteString("accessKey", caller.AccessKey);
            json.WriteString("accountId", caller.AccountId);
            json.WriteString("callerId", caller.AccessKey);
            json.WriteNull("cognitoIdentity");
            json.WriteNull("principalOrgId");
            json.WriteString("userArn", $"arn:aws:iam::{caller.AccountId}:root");
            json.WriteString("userId", caller.AccountId);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteString("domainName", url.DomainName);
        json.WriteString("domainPrefix", url.UrlId);
        json.WriteStartObject("http");
        json.WriteString("method", request.Method);
        json.WriteString("path", url.Path);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("sourceIp", SourceIp(context));
        json.WriteString("userAgent", request.Headers.UserAgent.ToString());
        json.WriteEndObject();
        json.WriteString("requestId", url.RequestId);
        json.WriteString("routeKey", "$default");
        json.WriteString("stage", "$default");
        json.WriteString("time", now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    }
}
