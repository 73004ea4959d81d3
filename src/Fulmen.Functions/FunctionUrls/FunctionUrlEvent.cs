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
/// <remarks>
/// Built on every URL request: written straight into the thread's pooled buffer (<see cref="EventWriterPool"/>), the
/// generated values (trace id, port, address, time) formatted into stack space, so the one array the event needs is
/// most of what it allocates.
/// </remarks>
public static class FunctionUrlEvent
{
    /// <summary>What AWS's front adds on its way to the function unless the client sent it, in ordinal order.</summary>
    private static readonly string[] Added = ["x-amzn-trace-id", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto"];

    public static byte[] Build(HttpContext context, UrlRequest url, string accountId, DateTimeOffset now)
    {
        var request = context.Request;
        Span<char> sourceIp = stackalloc char[RequestParts.MaxAddressLength];
        sourceIp = sourceIp[..RequestParts.SourceIp(context, sourceIp)];
        var json = EventWriterPool.Rent();
        json.WriteStartObject();
        json.WriteString("version", "2.0");
        json.WriteString("routeKey", "$default");
        json.WriteString("rawPath", url.Path);
        json.WriteString("rawQueryString", url.RawQuery);
        RequestParts.WriteCookies(json, request.Headers.Cookie);
        WriteHeaders(json, context, url.RequestId, now, sourceIp);
        RequestParts.WriteJoinedQuery(json, url.RawQuery);
        WriteRequestContext(json, context, url, accountId, now, sourceIp);
        EventBody.WriteWithFlag(json, url.Body, request.ContentType);
        json.WriteEndObject();
        return EventWriterPool.ToArray(json);
    }

    private static void WriteHeaders(Utf8JsonWriter json, HttpContext context, string requestId, DateTimeOffset now, ReadOnlySpan<char> sourceIp)
    {
        var headers = SortedHeaders.Collect(context.Request.Headers);
        Span<bool> sent = stackalloc bool[Added.Length];
        foreach (var (name, _) in headers)
        {
            var at = Array.IndexOf(Added, name);
            if (at >= 0)
            {
                sent[at] = true;
            }
        }
        json.WriteStartObject("headers");
        var next = 0;
        foreach (var (name, values) in headers)
        {
            for (; next < Added.Length && string.CompareOrdinal(Added[next], name) < 0; next++)
            {
                if (!sent[next])
                {
                    WriteAdded(json, next, context, requestId, now, sourceIp);
                }
            }
            json.WriteString(name, SortedHeaders.Joined(values));
        }
        for (; next < Added.Length; next++)
        {
            if (!sent[next])
            {
                WriteAdded(json, next, context, requestId, now, sourceIp);
            }
        }
        json.WriteEndObject();
    }

    private static void WriteAdded(Utf8JsonWriter json, int which, HttpContext context, string requestId, DateTimeOffset now, ReadOnlySpan<char> sourceIp)
    {
        switch (which)
        {
            case 0:
                Span<char> trace = stackalloc char[64];
                json.WriteString(Added[0], trace[..TraceId(trace, requestId, now)]);
                break;
            case 1:
                json.WriteString(Added[1], sourceIp);
                break;
            case 2:
                Span<char> port = stackalloc char[16];
                context.Connection.LocalPort.TryFormat(port, out var length, default, CultureInfo.InvariantCulture);
                json.WriteString(Added[2], port[..length]);
                break;
            default:
                json.WriteString(Added[3], context.Request.Scheme);
                break;
        }
    }

    /// <summary><c>Root=1-{epoch seconds, hex}-{the request id's first 24 hex digits}</c>.</summary>
    private static int TraceId(Span<char> destination, string requestId, DateTimeOffset now)
    {
        "Root=1-".CopyTo(destination);
        now.ToUnixTimeSeconds().TryFormat(destination[7..], out var seconds, "x8", CultureInfo.InvariantCulture);
        var at = 7 + seconds;
        destination[at++] = '-';
        var digits = 0;
        foreach (var c in requestId)
        {
            if (digits == 24)
            {
                break;
            }
            if (c != '-')
            {
                destination[at++] = c;
                digits++;
            }
        }
        if (digits < 24)
        {
            throw new ArgumentOutOfRangeException(nameof(requestId), "A request id holds at least 24 digits.");
        }
        return at;
    }

    private const int TimeLength = 26;
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary><c>dd/MMM/yyyy:HH:mm:ss +0000</c> (invariant month names), formatted by hand: it is in every event.</summary>
    private static void FormatTime(Span<char> destination, DateTime utc)
    {
        Two(destination, utc.Day);
        destination[2] = '/';
        Months[utc.Month - 1].CopyTo(destination[3..]);
        destination[6] = '/';
        Two(destination[7..], utc.Year / 100);
        Two(destination[9..], utc.Year % 100);
        destination[11] = ':';
        Two(destination[12..], utc.Hour);
        destination[14] = ':';
        Two(destination[15..], utc.Minute);
        destination[17] = ':';
        Two(destination[18..], utc.Second);
        " +0000".CopyTo(destination[20..]);

        static void Two(Span<char> to, int value)
        {
            to[0] = (char)('0' + (value / 10));
            to[1] = (char)('0' + (value % 10));
        }
    }

    private static void WriteRequestContext(Utf8JsonWriter json, HttpContext context, UrlRequest url, string accountId, DateTimeOffset now, ReadOnlySpan<char> sourceIp)
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
        RequestParts.WriteHttp(json, context, url.Path, sourceIp);
        json.WriteString("requestId", url.RequestId);
        json.WriteString("routeKey", "$default");
        json.WriteString("stage", "$default");
        Span<char> time = stackalloc char[TimeLength];
        FormatTime(time, now.UtcDateTime);
        json.WriteString("time", time);
        json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    }
}
