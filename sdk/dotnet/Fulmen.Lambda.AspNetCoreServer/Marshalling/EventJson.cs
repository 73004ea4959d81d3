using System.Net;
using System.Text.Json;
using Fulmen.Lambda.AspNetCoreServer.Server;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Lambda.AspNetCoreServer.Marshalling;

/// <summary>Reading the members the proxy events share, tolerating absent and null members as the services send them.</summary>
internal static class EventJson
{
    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement Member(this JsonElement element, string name, JsonValueKind kind = JsonValueKind.Object) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : default;

    /// <summary>The body, base64-decoded when <c>isBase64Encoded</c> says so.</summary>
    public static byte[] Body(JsonElement root)
    {
        if (root.Text("body") is not { Length: > 0 } body)
        {
            return [];
        }
        return root.Member("isBase64Encoded", JsonValueKind.True).ValueKind == JsonValueKind.True
            ? Convert.FromBase64String(body)
            : System.Text.Encoding.UTF8.GetBytes(body);
    }

    /// <summary>Headers from a <c>{"name": "value"}</c> object.</summary>
    public static void SingleHeaders(JsonElement headers, IHeaderDictionary target)
    {
        if (headers.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var header in headers.EnumerateObject())
        {
            if (header.Value.ValueKind == JsonValueKind.String)
            {
                target.Append(header.Name, header.Value.GetString());
            }
        }
    }

    /// <summary>Headers from a <c>{"name": ["value", …]}</c> object.</summary>
    public static void MultiValueHeaders(JsonElement headers, IHeaderDictionary target)
    {
        foreach (var header in headers.EnumerateObject())
        {
            if (header.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var value in header.Value.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    target.Append(header.Name, value.GetString());
                }
            }
        }
    }

    /// <summary>Scheme from <c>X-Forwarded-Proto</c> (https when absent, as behind AWS's endpoints), client address, request id.</summary>
    public static void Connection(InvocationFeatures features, string? sourceIp, string? requestId)
    {
        features.Scheme = features.RequestHeaders["X-Forwarded-Proto"] is [{ Length: > 0 } scheme, ..] ? scheme : "https";
        features.RemoteIpAddress = IPAddress.TryParse(sourceIp, out var address) ? address : null;
        features.LocalPort = features.Scheme == "http" ? 80 : 443;
        features.TraceIdentifier = requestId ?? "";
        features.ConnectionId = requestId ?? "";
    }

    /// <summary>A path as ASP.NET Core's servers give it: percent-decoded, except <c>%2F</c>, which stays so that it cannot split a segment.</summary>
    public static string DecodePath(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return path;
        }
        var decoded = new System.Text.StringBuilder(path.Length);
        var start = 0;
        for (var i = 0; i + 2 < path.Length; i++)
        {
            if (path[i] == '%' && path[i + 1] == '2' && path[i + 2] is 'F' or 'f')
            {
                decoded.Append(Uri.UnescapeDataString(path[start..i])).Append("%2F");
                start = i + 3;
                i += 2;
            }
        }
        return decoded.Append(Uri.UnescapeDataString(path[start..])).ToString();
    }

    /// <summary><c>?k=v&amp;…</c> from a <c>{"k": ["v", …]}</c> or <c>{"k": "v"}</c> object; values are escaped unless they arrive escaped.</summary>
    public static string Query(JsonElement multiValue, JsonElement single, bool escape)
    {
        var query = new System.Text.StringBuilder();
        void Add(string name, string? value)
        {
            query.Append(query.Length == 0 ? '?' : '&')
                .Append(escape ? Uri.EscapeDataString(name) : name).Append('=')
                .Append(escape ? Uri.EscapeDataString(value ?? "") : value);
        }
        if (multiValue.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in multiValue.EnumerateObject())
            {
                if (parameter.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var value in parameter.Value.EnumerateArray())
                    {
                        Add(parameter.Name, value.GetString());
                    }
                }
            }
        }
        else if (single.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in single.EnumerateObject())
            {
                Add(parameter.Name, parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString() : null);
            }
        }
        return query.ToString();
    }
}
