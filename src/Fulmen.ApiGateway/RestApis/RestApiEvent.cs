using System.Globalization;
using System.Text;
using System.Text.Json;
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
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("resource", resourcePath);
            json.WriteString("path", info.Path);
            json.WriteString("httpMethod", request.Method);
            WriteHeaders(json, context, info, now);
            WriteQuery(json, info.RawQuery);
            WriteMap(json, "pathParameters", info.Match.PathParameters);
            WriteMap(json, "stageVariables", info.StageVariables);
            WriteRequestContext(json, context, info, now);
            if (info.Body.Length == 0)
            {
                json.WriteNull("body");
            }
            else
            {
                json.WriteString("body", info.Base64 ? Convert.ToBase64String(info.Body) : Encoding.UTF8.GetString(info.Body));
            }
            json.WriteBoolean("isBase64Encoded", info.Base64 && info.Body.Length > 0);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteHeaders(Utf8JsonWriter json, HttpContext context, RestApiRequestInfo info, DateTimeOffset now)
    {
        var headers = new List<KeyValuePair<string, List<string>>>();
        foreach (var (name, values) in context.Request.Headers)
        {
            headers.Add(new(name, [.. values.OfType<string>()]));
        }
        // What AWS's front adds on its way to the function.
        void Add(string name, string value)
        {
            if (!headers.Exists(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new(name, [value]));
            }
        }
        Add("X-Forwarded-For", SourceIp(context));
        Add("X-Forwarded-Port", context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
        Add("X-Forwarded-Proto", context.Request.Scheme);
        Add("X-Amzn-Trace-Id", $"Root=1-{now.ToUnixTimeSeconds():x8}-{info.RequestId.Replace("-", "", StringComparison.Ordinal)[..24]}");
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
        if (parameters.Count == 0)
        {
            json.WriteNull("queryStringParameters");
            json.WriteNull("multiValueQueryStringParameters");
            return;
        }
        json.WriteStartObject("queryStringParameters");
        foreach (var (key, values) in parameters)
        {
            json.WriteString(key, values[^1]);
        }
        json.WriteEndObject();
        json.WriteStartObject("multiValueQueryStringParameters");
        foreach (var (key, values) in parameters)
        {
            WriteArray(json, key, values);
        }
        json.WriteEndObject();
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
        json.WriteString("sourceIp", SourceIp(context));
        json.WriteNull("user");
        json.WriteString("userAgent", request.Headers.UserAgent.ToString());
        json.WriteNull("userArn");
        json.WriteNull("clientCert");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is not { Count: > 0 })
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

    private static void WriteArray(Utf8JsonWriter json, string name, List<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    /// <summary>The client's address; an IPv4 client of a dual-stack socket as plain IPv4, as AWS shows it.</summary>
    private static string SourceIp(HttpContext context) => context.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "127.0.0.1";
}
