using System.Text;
using System.Text.Json;
using Fulmen.Functions.Http;
using Fulmen.Storage.Functions;
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
    /// <summary>
    /// A response to write, or null when the answer is not one a URL can give (the caller then answers 502). The body
    /// may be a slice of the function's answer itself: a plain JSON string is not copied.
    /// </summary>
    public sealed record Mapped(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<string> Cookies, ReadOnlyMemory<byte> Body);

    private static readonly KeyValuePair<string, string>[] JsonContentType = [new("Content-Type", "application/json")];

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
                    return MapResponse(payload, root, status) is { } mapped && HeaderRules.AreValid(mapped.Headers) && AreFieldValues(mapped.Cookies)
                        ? mapped
                        : null;
                }
                var body = root.ValueKind == JsonValueKind.String ? ResponseParts.StringBytes(payload, root) : payload;
                return new Mapped(200, JsonContentType, [], body);
            }
            catch (InvalidOperationException)
            {
                // A string with half a surrogate pair: not text, so not an answer.
                return null;
            }
        }
    }

    private static Mapped? MapResponse(ReadOnlyMemory<byte> payload, JsonElement root, JsonElement status)
    {
        if (ResponseParts.StatusCode(status) is not { } statusCode)
        {
            return null;
        }
        var headers = new List<KeyValuePair<string, string>>();
        var hasContentType = false;
        if (root.TryGetProperty("headers", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in given.EnumerateObject())
            {
                if (ResponseParts.Scalar(header.Value) is { } value)
                {
                    headers.Add(new(header.Name, value));
                    hasContentType |= header.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase);
                }
            }
        }
        if (!hasContentType)
        {
            headers.Add(new("Content-Type", "application/json"));
        }
        List<string>? cookies = null;
        if (root.TryGetProperty("cookies", out var givenCookies) && givenCookies.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in givenCookies.EnumerateArray())
            {
                if (ResponseParts.Scalar(item) is { } cookie)
                {
                    (cookies ??= []).Add(cookie);
                }
            }
        }
        var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        ReadOnlyMemory<byte> bytes;
        if (!root.TryGetProperty("body", out var givenBody))
        {
            bytes = ReadOnlyMemory<byte>.Empty;
        }
        else if (givenBody.ValueKind == JsonValueKind.String && !base64)
        {
            bytes = ResponseParts.StringBytes(payload, givenBody);
        }
        else
        {
            try
            {
                bytes = EventBody.Decode(ResponseParts.Scalar(givenBody) ?? "", base64);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return new Mapped(statusCode, headers, (IReadOnlyList<string>?)cookies ?? [], bytes);
    }

    private static bool AreFieldValues(IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!HeaderRules.IsFieldValue(values[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Writes the response; the URL's CORS headers (when it has a configuration) go last, in place of any the function set.</summary>
    public static Task WriteAsync(HttpContext context, Mapped mapped, FunctionUrlCorsRecord? cors = null)
    {
        var response = context.Response;
        response.StatusCode = mapped.StatusCode;
        // A URL keeps one value per header name, the last given.
        ResponseParts.CopyHeaders(response, mapped.Headers, append: false);
        ResponseParts.AppendCookies(response, mapped.Cookies);
        FunctionUrlCors.Apply(context, cors);
        return ResponseParts.WriteBodyAsync(context, mapped.Body);
    }
}
