using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Http;

/// <summary>Reading a function's answer and writing it as the HTTP response, the same for every HTTP trigger.</summary>
public static class ResponseParts
{
    /// <summary>The function's answer as JSON, or null when it is not JSON (the trigger then answers with its error).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A <c>statusCode</c> given as a number or a numeric string, between 200 and 599; otherwise null. An interim
    /// 1xx status is no answer a front can give: written as the final status it would end the response for the client
    /// and leave the body to be read as the next response.
    /// </summary>
    public static int? StatusCode(JsonElement status)
    {
        var code = status.ValueKind switch
        {
            JsonValueKind.Number when status.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(status.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => (int?)null,
        };
        return code is >= 200 and <= 599 ? code : null;
    }

    /// <summary>
    /// Strings as they are; numbers and booleans as their JSON text; anything else null. A string holding half a
    /// surrogate pair (<c>"\ud800"</c>) is no text: reading it throws <see cref="InvalidOperationException"/>, which
    /// the mappings treat as a malformed answer.
    /// </summary>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    /// <summary>
    /// The UTF-8 bytes of a JSON string <paramref name="value"/> read from <paramref name="payload"/>, the same bytes as
    /// encoding <see cref="JsonElement.GetString"/>: the payload's own bytes when the string holds no escape, unescaped
    /// straight to UTF-8 when it holds only one-character escapes (a JSON body's <c>\"</c>), through a string otherwise.
    /// Throws <see cref="InvalidOperationException"/> for half a surrogate pair, as <see cref="Scalar"/> does.
    /// </summary>
    public static ReadOnlyMemory<byte> StringBytes(ReadOnlyMemory<byte> payload, JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && Utf8.IsValid(raw))
        {
            var escape = raw.IndexOf((byte)'\\');
            if (escape < 0 && payload.Span.Overlaps(raw, out var offset))
            {
                return payload.Slice(offset + 1, raw.Length - 2);
            }
            // \uXXXX may name half a surrogate pair, which only the string path refuses as the mappings expect.
            if (escape >= 0 && raw.IndexOf("\\u"u8) < 0)
            {
                var reader = new Utf8JsonReader(raw);
                reader.Read();
                var bytes = new byte[raw.Length - 2];
                return bytes.AsMemory(0, reader.CopyString(bytes));
            }
        }
        return Encoding.UTF8.GetBytes(value.GetString()!);
    }

    /// <summary>
    /// Copies the function's headers to the response but <c>Content-Length</c> and <c>Transfer-Encoding</c> (the
    /// server frames the body itself): appended, so a repeated name stays repeated, or with the last value winning.
    /// </summary>
    public static void CopyHeaders(HttpResponse response, IEnumerable<KeyValuePair<string, string>> headers, bool append = true)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase) || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (append)
            {
                response.Headers.Append(name, value);
            }
            else
            {
                response.Headers[name] = value;
            }
        }
    }

    /// <summary>Each cookie as its own <c>Set-Cookie</c> header.</summary>
    public static void AppendCookies(HttpResponse response, IEnumerable<string> cookies)
    {
        foreach (var cookie in cookies)
        {
            response.Headers.Append("Set-Cookie", cookie);
        }
    }

    /// <summary>
    /// Writes the whole body with its length; a 204, 205 or 304 has no body (HTTP allows none, and the server refuses
    /// both the length and the bytes), so whatever the function gave is left out.
    /// </summary>
    public static async Task WriteBodyAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        if (context.Response.StatusCode is StatusCodes.Status204NoContent or StatusCodes.Status205ResetContent or StatusCodes.Status304NotModified)
        {
            return;
        }
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
