using System.Text.Json;
using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Server;
using Microsoft.Net.Http.Headers;

namespace Fulmen.Lambda.AspNetCoreServer.Marshalling;

/// <summary>
/// Payload format 2.0 (HTTP APIs, function URLs): <c>rawPath</c> and <c>rawQueryString</c> as sent, headers with
/// repeated values comma-joined, cookies apart; the response gives headers the same way and Set-Cookie as <c>cookies</c>.
/// </summary>
internal sealed class HttpApiV2Marshaller : EventMarshaller
{
    public override void ReadRequest(JsonElement root, InvocationFeatures features)
    {
        var context = root.Member("requestContext");
        var http = context.Member("http");
        features.Method = http.Text("method") ?? "GET";
        features.Protocol = http.Text("protocol") ?? "HTTP/1.1";
        var rawPath = root.Text("rawPath") is { Length: > 0 } given ? given : "/";
        var query = root.Text("rawQueryString") is { Length: > 0 } raw ? "?" + raw : "";
        features.RawTarget = rawPath + query;
        features.QueryString = query;
        // A named stage is the first segment of the path: the app sees it as PathBase, so its routes need no stage.
        var stage = context.Text("stage");
        if (stage is { Length: > 0 } && stage != "$default" && StartsWithSegment(rawPath, "/" + stage))
        {
            features.PathBase = "/" + stage;
            rawPath = rawPath.Length == stage.Length + 1 ? "/" : rawPath[(stage.Length + 1)..];
        }
        features.Path = EventJson.DecodePath(rawPath);
        EventJson.SingleHeaders(root.Member("headers"), features.RequestHeaders);
        var cookies = root.Member("cookies", JsonValueKind.Array);
        if (cookies.ValueKind == JsonValueKind.Array && cookies.GetArrayLength() > 0)
        {
            features.RequestHeaders.Cookie = string.Join("; ", cookies.EnumerateArray().Select(cookie => cookie.GetString()));
        }
        EventJson.Connection(features, http.Text("sourceIp"), context.Text("requestId"));
        features.SetRequestBody(EventJson.Body(root));
    }

    public override void WriteResponse(Utf8JsonWriter json, InvocationFeatures features, HostingOptions options)
    {
        json.WriteStartObject();
        json.WriteNumber("statusCode", features.StatusCode);
        json.WriteStartObject("headers");
        foreach (var (name, values) in features.ResponseHeaders)
        {
            if (values.Count > 0 && !name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase) && !ResponseBody.IsHopByHop(name))
            {
                json.WriteString(name, values.Count == 1 ? values[0] : string.Join(',', values.ToArray()));
            }
        }
        json.WriteEndObject();
        var setCookies = features.ResponseHeaders.SetCookie;
        if (setCookies.Count > 0)
        {
            json.WriteStartArray("cookies");
            foreach (var cookie in setCookies)
            {
                json.WriteStringValue(cookie);
            }
            json.WriteEndArray();
        }
        ResponseBody.Write(json, features, options);
        json.WriteEndObject();
    }

    private static bool StartsWithSegment(string path, string segment) =>
        path.StartsWith(segment, StringComparison.Ordinal) && (path.Length == segment.Length || path[segment.Length] == '/');
}
