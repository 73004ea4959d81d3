using System.Globalization;
using System.Text;
using System.Text.Json;
using Fulmen.Functions.FunctionUrls;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// The function's answer as an HTTP response. Payload 2.0 follows function URLs' rules (a full response object, or any
/// other JSON value as a 200 JSON body); payload 1.0 needs a <c>statusCode</c> and merges <c>headers</c> with
/// <c>multiValueHeaders</c> (the latter winning for a name in both). Null means the answer is not a valid response.
/// </summary>
public static class ProxyResponse
{
    public static FunctionUrlResponse.Mapped? Map(string payloadFormatVersion, ReadOnlyMemory<byte> payload) =>
        payloadFormatVersion == "1.0" ? MapV1(payload) : FunctionUrlResponse.Map(payload);

    private static FunctionUrlResponse.Mapped? MapV1(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status)
                || !(status.ValueKind == JsonValueKind.Number ? status.TryGetInt32(out var code)
                    : int.TryParse(status.ValueKind == JsonValueKind.String ? status.GetString() : null, NumberStyles.None, CultureInfo.InvariantCulture, out code))
                || code is < 100 or > 599)
            {
                return null;
            }
            var multi = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("multiValueHeaders", out var multiHeaders) && multiHeaders.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in multiHeaders.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Array))
                {
                    multi[header.Name] = [.. header.Value.EnumerateArray().Select(Scalar).OfType<string>()];
                }
            }
            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var single) && single.ValueKind == JsonValueKind.Object)
            {
                headers.AddRange(single.EnumerateObject()
                    .Where(h => !multi.ContainsKey(h.Name) && Scalar(h.Value) is not null)
                    .Select(h => new KeyValuePair<string, string>(h.Name, Scalar(h.Value)!)));
            }
            headers.AddRange(multi.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
            if (!headers.Exists(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new("Content-Type", "application/json"));
            }
            var body = root.TryGetProperty("body", out var givenBody) ? Scalar(givenBody) ?? "" : "";
            var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            return new FunctionUrlResponse.Mapped(code, headers, [], base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    /// <summary>Writes the response; repeated header names become repeated headers, cookies become Set-Cookie headers.</summary>
    public static async Task WriteAsync(HttpContext context, FunctionUrlResponse.Mapped mapped)
    {
        var response = context.Response;
        response.StatusCode = mapped.StatusCode;
        foreach (var (name, value) in mapped.Headers)
        {
            if (!name.Equals("content-length", StringComparison.OrdinalIgnoreCase) && !name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.Append(name, value);
            }
        }
        foreach (var cookie in mapped.Cookies)
        {
            response.Headers.Append("Set-Cookie", cookie);
        }
        response.ContentLength = mapped.Body.Length;
        await response.Body.WriteAsync(mapped.Body, context.RequestAborted);
    }
}
