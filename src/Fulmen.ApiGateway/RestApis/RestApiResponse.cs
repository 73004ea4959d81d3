using System.Text.Json;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>
/// Turns the function's answer into the HTTP response by payload 1.0's rules: it must be an object with
/// <c>statusCode</c> and nothing but <c>headers</c>, <c>multiValueHeaders</c>, <c>body</c> and <c>isBase64Encoded</c>
/// besides; for a name in both header maps only the <c>multiValueHeaders</c> values are kept. A header a response
/// cannot carry (<see cref="HeaderRules"/>) makes it malformed too, found before anything is written.
/// </summary>
public static class RestApiResponse
{
    /// <summary>A response to write, or null when the answer is malformed (the caller then answers 502).</summary>
    public sealed record Mapped(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

    public static Mapped? Map(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return MapResponse(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static Mapped? MapResponse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status) || ResponseParts.StatusCode(status) is not { } statusCode)
        {
            return null;
        }
        var headers = new List<KeyValuePair<string, string>>();
        string? body = null;
        var base64 = false;
        JsonElement single = default, multi = default;
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "statusCode":
                    break;
                case "headers" when member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null:
                    single = member.Value;
                    break;
                case "multiValueHeaders" when member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null:
                    multi = member.Value;
                    break;
                case "body" when member.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    body = member.Value.GetString();
                    break;
                case "isBase64Encoded" when member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                    base64 = member.Value.ValueKind == JsonValueKind.True;
                    break;
                default:
                    return null;
            }
        }
        var multiNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }
                multiNames.Add(header.Name);
                foreach (var value in header.Value.EnumerateArray())
                {
                    headers.Add(new(header.Name, ResponseParts.Scalar(value) ?? throw new FormatException("not a header value")));
                }
            }
        }
        if (single.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in single.EnumerateObject())
            {
                var value = ResponseParts.Scalar(header.Value) ?? throw new FormatException("not a header value");
                if (!multiNames.Contains(header.Name))
                {
                    headers.Add(new(header.Name, value));
                }
            }
        }
        if (!headers.Exists(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", "application/json"));
        }
        if (!HeaderRules.AreValid(headers))
        {
            return null;
        }
        var bytes = body is null ? [] : EventBody.Decode(body, base64);
        return new Mapped(statusCode, headers, bytes);
    }

    public static async Task WriteAsync(HttpContext context, Mapped mapped)
    {
        context.Response.StatusCode = mapped.StatusCode;
        ResponseParts.CopyHeaders(context.Response, mapped.Headers);
        await ResponseParts.WriteBodyAsync(context, mapped.Body);
    }
}
