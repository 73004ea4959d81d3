using System.Text.Json;
using System.Text.Unicode;
using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Server;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Fulmen.Lambda.AspNetCoreServer.Marshalling;

/// <summary><c>body</c> and <c>isBase64Encoded</c> of a proxy response: text for text types, base64 for the rest.</summary>
internal static class ResponseBody
{
    public static void Write(Utf8JsonWriter json, InvocationFeatures features, HostingOptions options)
    {
        var body = features.ResponseBytes;
        var base64 = body.Count > 0 && IsBase64(features, options, body);
        if (base64)
        {
            json.WriteBase64String("body", body);
        }
        else
        {
            json.WriteString("body", body.AsSpan());
        }
        json.WriteBoolean("isBase64Encoded", base64);
    }

    private static bool IsBase64(InvocationFeatures features, HostingOptions options, ReadOnlySpan<byte> body)
    {
        var headers = features.ResponseHeaders;
        if (headers.ContentEncoding is [{ Length: > 0 } contentEncoding, ..])
        {
            // A compressed body is bytes whatever its type.
            return !options.ContentEncodingEncodings.TryGetValue(contentEncoding, out var chosen) || chosen == ResponseContentEncoding.Base64;
        }
        var mediaType = MediaType(headers.ContentType);
        if (mediaType is not null && options.ContentTypeEncodings.TryGetValue(mediaType, out var registered))
        {
            return registered == ResponseContentEncoding.Base64;
        }
        if (options.DefaultResponseContentEncoding == ResponseContentEncoding.Base64)
        {
            return true;
        }
        // Text goes as text only when it is valid UTF-8: anything else would not survive the JSON string.
        return (mediaType is not null && !IsText(mediaType)) || !Utf8.IsValid(body);
    }

    private static string? MediaType(StringValues contentType)
    {
        if (contentType is not [{ Length: > 0 } value, ..])
        {
            return null;
        }
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? value : value[..semicolon]).Trim();
    }

    private static bool IsText(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/javascript", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/graphql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Headers that describe the connection to the app, not the response: the gateway sets its own.</summary>
    public static bool IsHopByHop(string name) =>
        name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase);
}
