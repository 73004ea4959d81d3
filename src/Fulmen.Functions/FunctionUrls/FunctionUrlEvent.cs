using System.Globalization;
using System.Text.Json;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

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
            RequestParts.WriteCookies(json, request.Headers.Cookie);
            WriteHeaders(json, context, url.RequestId, now);
            RequestParts.WriteJoinedQuery(json, url.RawQuery);
            WriteRequestContext(json, context, url, accountId, now);
            EventBody.WriteWithFlag(json, url.Body, request.ContentType);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteHeaders(Utf8JsonWriter json, HttpContext context, string requestId, DateTimeOffset now)
    {
        var headers = RequestParts.LowerCasedHeaders(context.Request.Headers);
        // What AWS's front adds on its way to the function.
        headers.TryAdd("x-forwarded-for", RequestParts.SourceIp(context));
        headers.TryAdd("x-forwarded-proto", context.Request.Scheme);
        headers.TryAdd("x-forwarded-port", context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
        headers.TryAdd("x-amzn-trace-id", $"Root=1-{now.ToUnixTimeSeconds():x8}-{requestId.Replace("-", "", StringComparison.Ordinal)[..24]}");
        RequestParts.WriteHeaders(json, headers);
    }

    private static void WriteRequestContext(Utf8JsonWriter json, HttpContext context, UrlRequest url, string accountId, DateTimeOffset now)
    {
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
        RequestParts.WriteHttp(json, context, url.Path);
        json.WriteString("requestId", url.RequestId);
        json.WriteString("routeKey", "$default");
        json.WriteString("stage", "$default");
        json.WriteString("time", now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    }
}
