using System.Globalization;
using System.Text.Json;
using Fulmen.ApiGateway.ProxyEvents;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>What the payload 1.0 event is built from besides the HTTP request itself.</summary>
public sealed record RestApiRequestInfo(
    string ApiId, string Stage, string DeploymentId, string Path, string RawQuery, RestApiMatch Match,
    IReadOnlyDictionary<string, string>? StageVariables, byte[] Body, bool Base64, string RequestId, string DomainName, string AccountId);

/// <summary>
/// The Lambda proxy event of a REST API (payload format 1.0): headers with their original names, the last value in
/// <c>headers</c> and every value in <c>multiValueHeaders</c>, the query likewise, <c>null</c> for what is absent.
/// </summary>
public static class RestApiEvent
{
    public static byte[] Build(HttpContext context, RestApiRequestInfo info, DateTimeOffset now)
    {
        var request = context.Request;
        var resourcePath = info.Match.Resource.Path;
        var json = EventWriterPool.Rent();
        json.WriteStartObject();
        json.WriteString("resource", resourcePath);
        json.WriteString("path", info.Path);
        json.WriteString("httpMethod", request.Method);
        WriteHeaders(json, context, info, now);
        WriteQuery(json, info.RawQuery);
        ProxyEventV1.WriteMapOrNull(json, "pathParameters", info.Match.PathParameters);
        ProxyEventV1.WriteMapOrNull(json, "stageVariables", info.StageVariables);
        WriteRequestContext(json, context, info, now);
        if (info.Body.Length == 0)
        {
            json.WriteNull("body");
        }
        else
        {
            EventBody.Write(json, info.Body, info.Base64);
        }
        json.WriteBoolean("isBase64Encoded", info.Base64 && info.Body.Length > 0);
        json.WriteEndObject();
        return EventWriterPool.ToArray(json);
    }

    private static void WriteHeaders(Utf8JsonWriter json, HttpContext context, RestApiRequestInfo info, DateTimeOffset now)
    {
        // What AWS's front adds on its way to the function.
        KeyValuePair<string, string>[] forwarded =
        [
            new("X-Forwarded-For", RequestParts.SourceIp(context)),
            new("X-Forwarded-Port", context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture)),
            new("X-Forwarded-Proto", context.Request.Scheme),
            new("X-Amzn-Trace-Id", $"Root=1-{now.ToUnixTimeSeconds():x8}-{info.RequestId.Replace("-", "", StringComparison.Ordinal)[..24]}"),
        ];
        ProxyEventV1.WriteHeaders(json, ProxyEventV1.Headers(context.Request.Headers, forwarded));
    }

    /// <summary>Keys and values URL-decoded, repeated keys in order; both members null when the query is empty.</summary>
    private static void WriteQuery(Utf8JsonWriter json, string rawQuery)
    {
        var parameters = new List<KeyValuePair<string, List<string>>>();
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            var index = parameters.FindIndex(p => p.Key == key);
            if (index < 0)
            {
                parameters.Add(new(key, [value]));
            }
            else
            {
                parameters[index].Value.Add(value);
            }
        }
        ProxyEventV1.WriteQuery(json, parameters);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static void WriteRequestContext(Utf8JsonWriter json, HttpContext context, RestApiRequestInfo info, DateTimeOffset now)
    {
        var request = context.Request;
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", info.AccountId);
        json.WriteString("apiId", info.ApiId);
        json.WriteString("resourceId", info.Match.Resource.Id);
        json.WriteString("resourcePath", info.Match.Resource.Path);
        json.WriteString("httpMethod", request.Method);
        json.WriteString("path", $"/{info.Stage}{info.Path}");
        json.WriteString("protocol", request.Protocol);
        json.WriteString("stage", info.Stage);
        json.WriteString("domainName", info.DomainName);
        json.WriteString("domainPrefix", info.ApiId);
        json.WriteString("deploymentId", info.DeploymentId);
        json.WriteString("requestId", info.RequestId);
        json.WriteString("extendedRequestId", Convert.ToBase64String(Guid.Parse(info.RequestId).ToByteArray()[..12]));
        json.WriteString("requestTime", now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("requestTimeEpoch", now.ToUnixTimeMilliseconds());
        json.WriteStartObject("identity");
        foreach (var name in (string[])["accessKey", "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider",
            "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"])
        {
            json.WriteNull(name);
        }
        json.WriteString("sourceIp", RequestParts.SourceIp(context));
        json.WriteNull("user");
        json.WriteString("userAgent", request.Headers.UserAgent.ToString());
        json.WriteNull("userArn");
        json.WriteNull("clientCert");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
