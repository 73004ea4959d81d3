using System.Text.Json;
using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Server;

namespace Fulmen.Lambda.AspNetCoreServer.Marshalling;

/// <summary>
/// Payload format 1.0 (REST APIs): <c>path</c> without the stage, which becomes PathBase; every header and query value
/// from the multi-value maps; the response's headers as <c>multiValueHeaders</c>, so repeated ones (Set-Cookie) all arrive.
/// </summary>
internal sealed class RestApiMarshaller : EventMarshaller
{
    public override void ReadRequest(JsonElement root, InvocationFeatures features)
    {
        var context = root.Member("requestContext");
        features.Method = root.Text("httpMethod") ?? "GET";
        features.Protocol = context.Text("protocol") ?? "HTTP/1.1";
        var path = root.Text("path") is { Length: > 0 } given ? given : "/";
        // requestContext.path is what the client asked for, stage included (/dev/items/1): the part before `path` is the base.
        if (context.Text("path") is { Length: > 0 } full && full.Length > path.Length && full.EndsWith(path, StringComparison.Ordinal))
        {
            features.PathBase = full[..^path.Length];
        }
        var query = EventJson.Query(root.Member("multiValueQueryStringParameters"), root.Member("queryStringParameters"), escape: true);
        features.QueryString = query;
        features.RawTarget = path + query;
        features.Path = EventJson.DecodePath(path);
        var multiValueHeaders = root.Member("multiValueHeaders");
        if (multiValueHeaders.ValueKind == JsonValueKind.Object)
        {
            EventJson.MultiValueHeaders(multiValueHeaders, features.RequestHeaders);
        }
        else
        {
            EventJson.SingleHeaders(root.Member("headers"), features.RequestHeaders);
        }
        EventJson.Connection(features, context.Member("identity").Text("sourceIp"), context.Text("requestId"));
        features.SetRequestBody(EventJson.Body(root));
    }

    public override void WriteResponse(Utf8JsonWriter json, InvocationFeatures features, HostingOptions options)
    {
        json.WriteStartObject();
        json.WriteNumber("statusCode", features.StatusCode);
        WriteMultiValueHeaders(json, features);
        ResponseBody.Write(json, features, options);
        json.WriteEndObject();
    }

    public static void WriteMultiValueHeaders(Utf8JsonWriter json, InvocationFeatures features)
    {
        json.WriteStartObject("multiValueHeaders");
        foreach (var (name, values) in features.ResponseHeaders)
        {
            if (values.Count == 0 || ResponseBody.IsHopByHop(name))
            {
                continue;
            }
            json.WriteStartArray(name);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
