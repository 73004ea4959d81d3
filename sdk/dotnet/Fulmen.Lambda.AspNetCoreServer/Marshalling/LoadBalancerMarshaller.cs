using System.Text.Json;
using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Server;
using Microsoft.AspNetCore.WebUtilities;

namespace Fulmen.Lambda.AspNetCoreServer.Marshalling;

/// <summary>
/// Application Load Balancer events: query values arrive as the client sent them (still escaped); headers come
/// single- or multi-valued as the target group is set, and the response must answer in the same form.
/// </summary>
internal sealed class LoadBalancerMarshaller : EventMarshaller
{
    public override void ReadRequest(JsonElement root, InvocationFeatures features)
    {
        features.Method = root.Text("httpMethod") ?? "GET";
        var path = root.Text("path") is { Length: > 0 } given ? given : "/";
        var query = EventJson.Query(root.Member("multiValueQueryStringParameters"), root.Member("queryStringParameters"), escape: false);
        features.QueryString = query;
        features.RawTarget = path + query;
        features.Path = EventJson.DecodePath(path);
        var multiValueHeaders = root.Member("multiValueHeaders");
        features.AnswerWithMultiValueHeaders = multiValueHeaders.ValueKind == JsonValueKind.Object;
        if (features.AnswerWithMultiValueHeaders)
        {
            EventJson.MultiValueHeaders(multiValueHeaders, features.RequestHeaders);
        }
        else
        {
            EventJson.SingleHeaders(root.Member("headers"), features.RequestHeaders);
        }
        var forwardedFor = features.RequestHeaders["X-Forwarded-For"].ToString();
        EventJson.Connection(features, forwardedFor.Split(',')[0].Trim(), features.RequestHeaders["X-Amzn-Trace-Id"].ToString());
        features.SetRequestBody(EventJson.Body(root));
    }

    public override void WriteResponse(Utf8JsonWriter json, InvocationFeatures features, HostingOptions options)
    {
        json.WriteStartObject();
        json.WriteNumber("statusCode", features.StatusCode);
        json.WriteString("statusDescription", $"{features.StatusCode} {features.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(features.StatusCode)}");
        if (features.AnswerWithMultiValueHeaders)
        {
            RestApiMarshaller.WriteMultiValueHeaders(json, features);
        }
        else
        {
            json.WriteStartObject("headers");
            foreach (var (name, values) in features.ResponseHeaders)
            {
                // One value per name in this form: the last, as the load balancer keeps it.
                if (values.Count > 0 && !ResponseBody.IsHopByHop(name))
                {
                    json.WriteString(name, values[^1]);
                }
            }
            json.WriteEndObject();
        }
        ResponseBody.Write(json, features, options);
        json.WriteEndObject();
    }
}
