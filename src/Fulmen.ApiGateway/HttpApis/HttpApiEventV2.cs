using System.Text.Json;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

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
        var json = EventWriterPool.Rent();
        json.WriteStartObject();
        json.WriteString("version", "2.0");
        json.WriteString("routeKey", proxy.RouteKey);
        json.WriteString("rawPath", proxy.RawPath);
        json.WriteString("rawQueryString", proxy.RawQuery);
        RequestParts.WriteCookies(json, request.Headers.Cookie);
        WriteHeaders(json, context, proxy.RequestId, now);
        RequestParts.WriteJoinedQuery(json, proxy.RawQuery);
        WriteMap(json, "pathParameters", proxy.PathParameters);
        WriteMap(json, "stageVariables", proxy.StageVariables);
        WriteRequestContext(json, context, proxy, accountId, now);
        EventBody.WriteWithFlag(json, proxy.Body, request.ContentType);
        json.WriteEndObject();
        return EventWriterPool.ToArray(json);
    }

    private static void WriteHeaders(Utf8JsonWriter json, HttpContext context, string requestId, DateTimeOffset now)
    {
        var headers = RequestParts.LowerCasedHeaders(context.Request.Headers);
        foreach (var (name, value) in ProxyRequest.ForwardedHeaders(context, requestId, now))
        {
            headers.TryAdd(name.ToLowerInvariant(), value);
        }
        RequestParts.WriteHeaders(json, headers);
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
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", accountId);
        json.WriteString("apiId", proxy.ApiId);
        json.WriteString("domainName", proxy.DomainName);
        json.WriteString("domainPrefix", proxy.ApiId);
        RequestParts.WriteHttp(json, context, proxy.RawPath);
        json.WriteString("requestId", proxy.RequestId);
        json.WriteString("routeKey", proxy.RouteKey);
        json.WriteString("stage", proxy.Stage);
        json.WriteString("time", ProxyRequest.Time(now));
        json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    }
}
