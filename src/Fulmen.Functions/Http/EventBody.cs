using System.Text;
using System.Text.Json;

namespace Fulmen.Functions.Http;

/// <summary>Request and response bodies as every HTTP trigger's event carries them: text as it is, anything else as base64.</summary>
public static class EventBody
{
    /// <summary>Text bodies go to the function as they are; anything else (no content type, form posts, binaries) as base64, as AWS does.</summary>
    public static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/xml" or "application/javascript" or "application/graphql" or "application/yaml" or "application/x-yaml"
            || mediaType.EndsWith("+json", StringComparison.Ordinal) || mediaType.EndsWith("+xml", StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes <c>"body"</c> (text as it is, anything else base64) and <c>"isBase64Encoded"</c>; an empty body is left
    /// out, or written as null when <paramref name="nullWhenEmpty"/> is set (payload 1.0).
    /// </summary>
    public static void WriteWithFlag(Utf8JsonWriter json, byte[] body, string? contentType, bool nullWhenEmpty = false)
    {
        var base64 = false;
        if (body.Length > 0)
        {
            base64 = !IsText(contentType);
            Write(json, body, base64);
        }
        else if (nullWhenEmpty)
        {
            json.WriteNull("body");
        }
        json.WriteBoolean("isBase64Encoded", base64);
    }

    /// <summary>Writes <c>"body"</c>: the bytes as base64 or as UTF-8 text.</summary>
    public static void Write(Utf8JsonWriter json, byte[] body, bool base64) =>
        json.WriteString("body", base64 ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body));

    /// <summary>The bytes of a response's <c>body</c>; a <see cref="FormatException"/> when <paramref name="base64"/> is set and it is not base64.</summary>
    public static byte[] Decode(string body, bool base64) => base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
}
