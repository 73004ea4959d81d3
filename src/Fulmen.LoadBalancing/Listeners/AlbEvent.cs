using System.Globalization;
using System.Text.Json;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.Listeners;

/// <summary>
/// The event an ALB sends a Lambda target. Query keys and values pass as received (still URL-encoded); header
/// names are lower-cased. Without multi-value headers a repeated header or query key keeps its last value; with
/// them, every value in order, and the two forms never appear together. A body that is not text goes as base64.
/// </summary>
public static class AlbEvent
{
    public static byte[] Build(HttpContext context, string targetGroupArn, bool multiValue, string rawPath, string rawQuery, byte[] body, int port, long epochSeconds)
    {
        var request = context.Request;
        var json = EventWriterPool.Rent();
        json.WriteStartObject();
        json.WriteStartObject("requestContext");
        json.WriteStartObject("elb");
        json.WriteString("targetGroupArn", targetGroupArn);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("httpMethod", request.Method);
        json.WriteString("path", rawPath);
        var query = Query(rawQuery);
        var headers = Headers(context, port, epochSeconds);
        if (multiValue)
        {
            WriteMulti(json, "multiValueQueryStringParameters", query);
            WriteMulti(json, "multiValueHeaders", headers);
        }
        else
        {
            WriteLast(json, "queryStringParameters", query);
            WriteLast(json, "headers", headers);
        }
        var base64 = body.Length > 0 && !EventBody.IsText(request.ContentType);
        EventBody.Write(json, body, base64);
        json.WriteBoolean("isBase64Encoded", base64);
        json.WriteEndObject();
        return EventWriterPool.ToArray(json);
    }

    private static List<KeyValuePair<string, string>> Query(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(equals < 0 ? new(part, "") : new(part[..equals], part[(equals + 1)..]));
        }
        return pairs;
    }

    /// <summary>The client's headers plus what the ALB adds: X-Forwarded-For/Port/Proto and a trace id.</summary>
    private static List<KeyValuePair<string, string>> Headers(HttpContext context, int port, long epochSeconds)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in context.Request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower is "x-forwarded-for" or "x-forwarded-port" or "x-forwarded-proto" or "x-amzn-trace-id")
            {
                continue;
            }
            foreach (var value in values)
            {
                headers.Add(new(lower, value ?? ""));
            }
        }
        var incomingFor = context.Request.Headers["X-Forwarded-For"].ToString();
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        headers.Add(new("x-amzn-trace-id", TraceId(epochSeconds)));
        headers.Add(new("x-forwarded-for", incomingFor.Length == 0 ? remote : $"{incomingFor}, {remote}"));
        headers.Add(new("x-forwarded-port", port.ToString(CultureInfo.InvariantCulture)));
        headers.Add(new("x-forwarded-proto", "http"));
        return headers;
    }

    private static string TraceId(long epochSeconds)
    {
        Span<byte> random = stackalloc byte[12];
        Random.Shared.NextBytes(random);
        return $"Root=1-{epochSeconds.ToString("x8", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(random)}";
    }

    private static void WriteLast(Utf8JsonWriter json, string property, List<KeyValuePair<string, string>> pairs)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, value) in pairs)
        {
            if (!last.ContainsKey(key))
            {
                order.Add(key);
            }
            last[key] = value;
        }
        json.WriteStartObject(property);
        foreach (var key in order)
        {
            json.WriteString(key, last[key]);
        }
        json.WriteEndObject();
    }

    private static void WriteMulti(Utf8JsonWriter json, string property, List<KeyValuePair<string, string>> pairs)
    {
        json.WriteStartObject(property);
        foreach (var group in pairs.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray(group.Key);
            foreach (var (_, value) in group)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
