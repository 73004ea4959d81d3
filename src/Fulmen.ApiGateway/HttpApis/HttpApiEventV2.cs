using System.Text.Json;
using Fulmen.Functions.FunctionUrls;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// The payload format 2.0 event: header names lower-cased and repeats comma-joined, <c>Cookie</c> headers split into
/// <c>cookies</c>, repeated query keys comma-joined, a body that is not text sent as base64.
/// </summary>
public static class HttpApiEventV2
{
    public static byte[] Build(HttpContext context, ProxyRequest proxy, string accountId, DateTimeOffset now)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", proxy.RouteKey);
            json.WriteString("rawPath", proxy.RawPath);
            json.WriteString("rawQueryString", proxy.RawQuery);
            WriteCookies(json, request.Headers.Cookie);
            WriteHeaders(json, context, proxy.RequestId, now);
            WriteQuery(json, proxy.RawQuery);
            WriteMap(json, "pathParameters", proxy.PathParameters);
            WriteMap(json, "stageVariables", proxy.StageVariables);
            WriteRequestContext(json, context, proxy, accountId, now);
            var base64 = false;
            if (proxy.Body.Length > 0)
            {
                base64 = !FunctionUrlEvent.IsText(request.ContentType);
                json.WriteString("body", base64 ? Convert.ToBase64String(proxy.Body) : System.Text.Encoding.UTF8.GetString(proxy.Body));
            }
            json.WriteBoolean("isBase64Encoded", base64);
            json.WriteEndObject();
        }
        return buffer.ToArray();
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
        foreach (var (name, value) in ProxyRequest.ForwardedHeaders(context, requestId, now))
        {
            headers.TryAdd(name.ToLowerInvariant(), value);
        }
        json.WriteStartObject("headers");
        foreach (var (name, value) in headers)
        {
            json.WriteString(name, value);
        }
        json.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter json, string rawQuery)
    {
        var parameters = rawQuery.Length == 0 ? [] : QueryHelpers.ParseQuery(rawQuery);
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

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }
        json.WriteEndObject();
    }

    private static void WriteRequestContext(Utf8JsonWriter json, HttpContext context, ProxyRequest proxy, string accountId, DateTimeOffset now)
    {
        var request = context.Request;
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", accountId);
        json.WriteString("apiId", proxy.ApiId);
        json.WriteString("domainName", proxy.DomainName);
        json.WriteString("domainPrefix", proxy.ApiId);
        json.WriteStartObject("http");
        json.WriteString("method", request.Method);
        json.WriteString("path", proxy.RawPath);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("sourceIp", ProxyRequest.SourceIp(context));
        json.WriteString("userAgent", request.Headers.UserAgent.ToString());
        json.WriteEndObject();
        json.WriteString("requestId", proxy.RequestId);
        json.WriteString("routeKey", proxy.RouteKey);
        json.WriteString("stage", proxy.Stage);
        json.WriteString("time", ProxyRequest.Time(now));
        json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    }
}
