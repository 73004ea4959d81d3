using System.Text;
using System.Text.Json;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>
/// Turns the function's answer into the HTTP response, by payload format 2.0's rules: an object with
/// <c>statusCode</c> is a response (<c>headers</c>, <c>cookies</c> as Set-Cookie, <c>body</c>, <c>isBase64Encoded</c>);
/// any other JSON value is the body of a 200 <c>application/json</c> response. Every header and cookie is checked
/// here (<see cref="HeaderRules"/>), before anything is written: one a response cannot carry makes the whole answer
/// malformed, which the front answers as it answers any malformed one.
/// </summary>
public static class FunctionUrlResponse
{
    /// <summary>A response to write, or null when the answer is not one a URL can give (the caller then answers 502).</summary>
    public sealed record Mapped(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<string> Cookies, byte[] Body);

    public static Mapped? Map(ReadOnlyMemory<byte> payload)
    {
        if (ResponseParts.TryParse(payload) is not { } document)
        {
            return null;
        }
        using (document)
        {
            try
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statusCode", out var status))
                {
                    return MapResponse(root, status) is { } mapped && HeaderRules.AreValid(mapped.Headers) && mapped.Cookies.All(HeaderRules.IsFieldValue)
                        ? mapped
                        : null;
                }
                var body = root.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(root.GetString()!) : payload.ToArray();
                return new Mapped(200, [new("Content-Type", "application/json")], [], body);
            }
            catch (InvalidOperationException)
            {
                // A string with half a surrogate pair: not text, so not an answer.
                return null;
            }
        }
    }

    private static Mapped? MapResponse(JsonElement root, JsonElement status)
    {
        if (ResponseParts.StatusCode(status) is not { } statusCode)
        {
            return null;
        }
        var headers = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("headers", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in given.EnumerateObject())
            {
                if (ResponseParts.Scalar(header.Value) is { } value)
                {
                    headers.Add(new(header.Name, value));
                }
            }
        }
        if (!headers.Any(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", "application/json"));
        }
        var cookies = new List<string>();
        if (root.TryGetProperty("cookies", out var givenCookies) && givenCookies.ValueKind == JsonValueKind.Array)
        {
            cookies.AddRange(givenCookies.EnumerateArray().Select(ResponseParts.Scalar).OfType<string>());
        }
        var body = root.TryGetProperty("body", out var givenBody) ? ResponseParts.Scalar(givenBody) ?? "" : "";
        var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        byte[] bytes;
        try
        {
            bytes = EventBody.Decode(body, base64);
        }
        catch (FormatException)
        {
            return null;
        }
        return new Mapped(statusCode, headers, cookies, bytes);
    }

    public static async Task WriteAsync(HttpContext context, Mapped mapped)
    {
        var response = context.Response;
        response.StatusCode = mapped.StatusCode;
        // A URL keeps one value per header name, the last given.
        ResponseParts.CopyHeaders(response, mapped.Headers, append: false);
        ResponseParts.AppendCookies(response, mapped.Cookies);
        await ResponseParts.WriteBodyAsync(context, mapped.Body);
    }
}
