using System.Text.Json;
using Fulmen.Functions.FunctionUrls;
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
        var headers = new List<KeyValuePair<string, List<string>>>();
        foreach (var (name, values) in request.Headers)
        {
            headers.Add(new(name, [.. values.OfType<string>()]));
        }
        foreach (var (name, value) in ProxyRequest.ForwardedHeaders(context, proxy.RequestId, now))
        {
            if (!headers.Exists(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new(name, [value]));
            }
        }
        var query = proxy.RawQuery.Length == 0 ? [] : QueryHelpers.ParseQuery(proxy.RawQuery);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteString("resource", proxy.Resource);
            json.WriteString("path", proxy.RawPath);
            json.WriteString("httpMethod", request.Method);
            json.WriteStartObject("headers");
            foreach (var (name, values) in headers)
            {
                json.WriteString(name, values.Count == 0 ? "" : values[^1]);
            }
            json.WriteEndObject();
            json.WriteStartObject("multiValueHeaders");
            foreach (var (name, values) in headers)
            {
                WriteArray(json, name, values);
            }
            json.WriteEndObject();
            if (query.Count == 0)
            {
                json.WriteNull("queryStringParameters");
                json.WriteNull("multiValueQueryStringParameters");
            }
            else
            {
                json.WriteStartObject("queryStringParameters");
                foreach (var (name, values) in query)
                {
                    json.WriteString(name, values.Count == 0 ? "" : values[^1]);
                }
                json.WriteEndObject();
                json.WriteStartObject("multiValueQueryStringParameters");
                foreach (var (name, values) in query)
                {
                    WriteArray(json, name, values.OfType<string>());
                }
                json.WriteEndObject();
            }
            WriteMapOrNull(json, "pathParameters", proxy.PathParameters);
            WriteMapOrNull(json, "stageVariables", proxy.StageVariables);
            WriteRequestContext(json, context, proxy, accountId, now);
            var base64 = false;
            if (proxy.Body.Length > 0)
            {
                base64 = !FunctionUrlEvent.IsText(request.ContentType);
                json.WriteString("body", base64 ? Convert.ToBase64String(proxy.Body) : System.Text.Encoding.UTF8.GetString(proxy.Body));
            }
            else
            {
                json.WriteNull("body");
            }
            json.WriteBoolean("isBase64Encoded", base64);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteMapOrNull(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            json.WriteNull(name);
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
        json.WriteString("extendedRequestId", proxy.RequestId);
        json.WriteString("httpMethod", request.Method);
        json.WriteStartObject("identity");
        foreach (var name in (string[])["accessKey", "accountId", "caller", "cognitoAmr", "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"])
        {
            json.WriteNull(name);
        }
        json.WriteString("sourceIp", ProxyRequest.SourceIp(context));
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
