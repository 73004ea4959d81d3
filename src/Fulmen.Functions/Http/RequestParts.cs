using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Fulmen.Functions.Http;

/// <summary>
/// The parts of an HTTP request as payload format 2.0 shows them (function URLs and HTTP APIs): header names
/// lower-cased and repeats comma-joined, <c>Cookie</c> split into <c>cookies</c>, repeated query keys comma-joined.
/// </summary>
public static class RequestParts
{
    /// <summary>The client's address; an IPv4 client of a dual-stack socket as plain IPv4, as AWS shows it.</summary>
    public static string SourceIp(HttpContext context) => context.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "127.0.0.1";

    /// <summary>Room enough for any address <see cref="SourceIp(HttpContext, Span{char})"/> writes (IPv6 with a scope id).</summary>
    public const int MaxAddressLength = 96;

    /// <summary>The same as <see cref="SourceIp(HttpContext)"/>, written into <paramref name="destination"/>; returns its length.</summary>
    public static int SourceIp(HttpContext context, Span<char> destination)
    {
        if (context.Connection.RemoteIpAddress is not { } ip)
        {
            "127.0.0.1".CopyTo(destination);
            return "127.0.0.1".Length;
        }
        return (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).TryFormat(destination, out var written) ? written : 0;
    }

    /// <summary>Every header but <c>Cookie</c>, names lower-cased, repeated values comma-joined, sorted by name.</summary>
    public static SortedDictionary<string, string> LowerCasedHeaders(IHeaderDictionary requestHeaders)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in requestHeaders)
        {
            var lower = name.ToLowerInvariant();
            if (lower != "cookie")
            {
                headers[lower] = string.Join(',', values.Where(v => v is not null));
            }
        }
        return headers;
    }

    /// <summary>Writes <c>"headers"</c> as an object.</summary>
    public static void WriteHeaders(Utf8JsonWriter json, SortedDictionary<string, string> headers)
    {
        json.WriteStartObject("headers");
        foreach (var (name, value) in headers)
        {
            json.WriteString(name, value);
        }
        json.WriteEndObject();
    }

    /// <summary>Writes <c>"cookies"</c>, each <c>name=value</c> of every <c>Cookie</c> header (trimmed, empty ones left out), unless there are none.</summary>
    public static void WriteCookies(Utf8JsonWriter json, StringValues cookieHeaders)
    {
        var started = false;
        for (var i = 0; i < cookieHeaders.Count; i++)
        {
            var header = (cookieHeaders[i] ?? "").AsSpan();
            foreach (var range in header.Split(';'))
            {
                var cookie = header[range].Trim();
                if (cookie.IsEmpty)
                {
                    continue;
                }
                if (!started)
                {
                    json.WriteStartArray("cookies");
                    started = true;
                }
                json.WriteStringValue(cookie);
            }
        }
        if (started)
        {
            json.WriteEndArray();
        }
    }

    /// <summary>Writes <c>"queryStringParameters"</c>, decoded, repeated keys comma-joined, unless the query is empty.</summary>
    public static void WriteJoinedQuery(Utf8JsonWriter json, string rawQuery)
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

    /// <summary>Writes <c>requestContext.http</c>: method, path, protocol, source address and user agent.</summary>
    public static void WriteHttp(Utf8JsonWriter json, HttpContext context, string path)
    {
        Span<char> sourceIp = stackalloc char[MaxAddressLength];
        WriteHttp(json, context, path, sourceIp[..SourceIp(context, sourceIp)]);
    }

    /// <summary>Writes <c>requestContext.http</c> with the source address already formatted.</summary>
    public static void WriteHttp(Utf8JsonWriter json, HttpContext context, string path, ReadOnlySpan<char> sourceIp)
    {
        var request = context.Request;
        json.WriteStartObject("http");
        json.WriteString("method", request.Method);
        json.WriteString("path", path);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("sourceIp", sourceIp);
        json.WriteString("userAgent", request.Headers.UserAgent.ToString());
        json.WriteEndObject();
    }
}
