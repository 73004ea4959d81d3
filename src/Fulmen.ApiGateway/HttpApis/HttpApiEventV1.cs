using System.Text.Json;
using Fulmen.ApiGateway.ProxyEvents;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// The payload format 1.0 event an HTTP API sends to such integrations: REST API's shape plus <c>version</c>
/// "1.0"; headers as sent (last value wins in <c>headers</c>, all in <c>multiValueHeaders</c>), likewise the query.
/// </summary>
public static class HttpApiEventV1
{
    public static byte[] Build(HttpContext context, ProxyRequest proxy, string accountId, DateTimeOffset now)
    {
        var request = context.Request;
        var headers = ProxyEventV1.Headers(request.Headers, ProxyRequest.ForwardedHeaders(context, proxy.RequestId, now));
        var query = proxy.RawQuery.Length == 0 ? [] : QueryHelpers.ParseQuery(proxy.RawQuery);

        var json = EventWriterPool.Rent();
        json.WriteStartObject();
        json.WriteString("version", "1.0");
        json.WriteString("resource", proxy.Resource);
        json.WriteString("path", proxy.RawPath);
        json.WriteString("httpMethod", request.Method);
        ProxyEventV1.WriteHeaders(json, headers);
        ProxyEventV1.WriteQuery(json, [.. query.Select(q => new KeyValuePair<string, List<string>>(q.Key, [.. q.Value.OfType<string>()]))]);
        ProxyEventV1.WriteMapOrNull(json, "pathParameters", proxy.PathParameters);
        ProxyEventV1.WriteMapOrNull(json, "stageVariables", proxy.StageVariables);
        WriteRequestContext(json, context, proxy, accountId, now);
        EventBody.WriteWithFlag(json, proxy.Body, request.ContentType, nullWhenEmpty: true);
        json.WriteEndObject();
        return EventWriterPool.ToArray(json);
    }

    private static void WriteRequestContext(Utf8JsonWriter json, HttpContext context, ProxyRequest proxy, string accountId, DateTimeOffset now)
    {
        var request = context.Request;
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", accountId);
        json.WriteString("apiId", proxy.ApiId);
        json.WriteString("domainName", proxy.DomainName);
        json.WriteString("domainPrefix", proxy.ApiId);
        json.WriteString("extendedRequestId", proxy.RequestId);
        json.WriteString("httpMethod", request.Method);
        json.WriteStartObject("identity");
        foreach (var name in (string[])["accessKey", "accountId", "caller", "cognitoAmr", "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"])
        {
            json.WriteNull(name);
        }
        json.WriteString("sourceIp", RequestParts.SourceIp(context));
        json.WriteNull("user");
        json.WriteString("userAgent", request.Headers.UserAgent.ToString());
        json.WriteNull("userArn");
        json.WriteEndObject();
        json.WriteString("path", proxy.RawPath);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("requestId", proxy.RequestId);
        json.WriteString("requestTime", ProxyRequest.Time(now));
        json.WriteNumber("requestTimeEpoch", now.ToUnixTimeMilliseconds());
        json.WriteString("resourceId", proxy.ResourceId);
        json.WriteString("resourcePath", proxy.Resource);
        json.WriteString("stage", proxy.Stage);
        json.WriteEndObject();
    }
}
