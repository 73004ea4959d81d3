using System.Text.Json;
using Fulmen.Functions.FunctionUrls;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// The function's answer as an HTTP response. Payload 2.0 follows function URLs' rules (a full response object, or any
/// other JSON value as a 200 JSON body); payload 1.0 needs a <c>statusCode</c> and merges <c>headers</c> with
/// <c>multiValueHeaders</c> (the latter winning for a name in both). Null means the answer is not a valid response,
/// which includes a header a response cannot carry (<see cref="HeaderRules"/>), found before anything is written.
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
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status) || ResponseParts.StatusCode(status) is not { } code)
            {
                return null;
            }
            var multi = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("multiValueHeaders", out var multiHeaders) && multiHeaders.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in multiHeaders.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Array))
                {
                    multi[header.Name] = [.. header.Value.EnumerateArray().Select(ResponseParts.Scalar).OfType<string>()];
                }
            }
            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var single) && single.ValueKind == JsonValueKind.Object)
            {
                headers.AddRange(single.EnumerateObject()
                    .Where(h => !multi.ContainsKey(h.Name) && ResponseParts.Scalar(h.Value) is not null)
                    .Select(h => new KeyValuePair<string, string>(h.Name, ResponseParts.Scalar(h.Value)!)));
            }
            headers.AddRange(multi.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
            if (!headers.Exists(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new("Content-Type", "application/json"));
            }
            var body = root.TryGetProperty("body", out var givenBody) ? ResponseParts.Scalar(givenBody) ?? "" : "";
            var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            return HeaderRules.AreValid(headers) ? new FunctionUrlResponse.Mapped(code, headers, [], EventBody.Decode(body, base64)) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Writes the response; repeated header names become repeated headers, cookies become Set-Cookie headers.</summary>
    public static async Task WriteAsync(HttpContext context, FunctionUrlResponse.Mapped mapped)
    {
        var response = context.Response;
        response.StatusCode = mapped.StatusCode;
        ResponseParts.CopyHeaders(response, mapped.Headers);
        ResponseParts.AppendCookies(response, mapped.Cookies);
        await ResponseParts.WriteBodyAsync(context, mapped.Body);
    }
}
