using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.AspNetCoreServer.Hosting;

/// <summary>How the Lambda server turns responses into proxy responses; the names of AWS's options.</summary>
public class HostingOptions
{
    /// <summary>Accepted for compatibility with AWS's options; Fulmen reads and writes the HTTP events itself.</summary>
    public ILambdaSerializer? Serializer { get; set; }

    /// <summary>
    /// For a content type with no registration: <see cref="ResponseContentEncoding.Default"/> (the default) sends
    /// text types (<c>text/*</c>, JSON, XML, JavaScript, forms) as text and every other type base64-encoded;
    /// <see cref="ResponseContentEncoding.Base64"/> encodes every body.
    /// </summary>
    public ResponseContentEncoding DefaultResponseContentEncoding { get; set; } = ResponseContentEncoding.Default;

    /// <summary>When the app throws before answering: false (the default) answers 500 with an empty body, true with the exception's text.</summary>
    public bool IncludeUnhandledExceptionDetailInResponse { get; set; }

    internal Dictionary<string, ResponseContentEncoding> ContentTypeEncodings { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal Dictionary<string, ResponseContentEncoding> ContentEncodingEncodings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How to send bodies of <paramref name="contentType"/> (its media type, without parameters).</summary>
    public void RegisterResponseContentEncodingForContentType(string contentType, ResponseContentEncoding encoding)
    {
        if (!string.IsNullOrEmpty(contentType))
        {
            ContentTypeEncodings[contentType] = encoding;
        }
    }

    /// <summary>How to send bodies with <c>Content-Encoding: <paramref name="contentEncoding"/></c> (compressed bodies are base64 unless told otherwise).</summary>
    public void RegisterResponseContentEncodingForContentEncoding(string contentEncoding, ResponseContentEncoding encoding)
    {
        if (!string.IsNullOrEmpty(contentEncoding))
        {
            ContentEncodingEncodings[contentEncoding] = encoding;
        }
    }
}
