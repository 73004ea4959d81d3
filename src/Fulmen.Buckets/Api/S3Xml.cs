using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Fulmen.Protocols.Xml;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Buckets.Api;

/// <summary>S3's XML answers and request bodies.</summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    private const long MaxBody = 2 * 1024 * 1024;
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    public static async Task WriteAsync(HttpContext context, string root, Action<XmlWriter> body, int status = 200)
    {
        using var buffer = new MemoryStream();
        using (var xml = SafeXmlWriter.Open(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root, Namespace);
            body(xml);
            xml.WriteEndElement();
        }
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    /// <summary>The request's XML body (namespaces dropped, so <c>Tagging</c> matches with or without S3's); MalformedXML otherwise.</summary>
    public static async Task<XElement> ReadAsync(HttpRequest request, bool optional = false)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                throw S3Errors.MalformedXml();
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return optional ? new XElement("Empty") : throw S3Errors.MalformedXml();
        }
        buffer.Position = 0;
        try
        {
            using var reader = XmlReader.Create(buffer, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XElement.Load(reader);
            foreach (var element in root.DescendantsAndSelf())
            {
                element.Name = element.Name.LocalName;
                element.ReplaceAttributes(element.Attributes().Where(a => !a.IsNamespaceDeclaration));
            }
            return root;
        }
        catch (XmlException)
        {
            throw S3Errors.MalformedXml();
        }
    }

    /// <summary>ISO 8601 with milliseconds, as S3's XML carries times.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 1123, as S3's headers carry times (<c>Last-Modified</c>).</summary>
    public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    public static string Quoted(string etag) => $"\"{etag}\"";

    public static void Element(this XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, value);
        }
    }

    public static void Element(this XmlWriter xml, string name, long value) => xml.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    public static void Element(this XmlWriter xml, string name, bool value) => xml.WriteElementString(name, value ? "true" : "false");

    /// <summary>The owner of every bucket and object: the server's one account.</summary>
    public static void Owner(this XmlWriter xml, string element = "Owner")
    {
        xml.WriteStartElement(element);
        xml.WriteElementString("ID", OwnerId);
        xml.WriteElementString("DisplayName", "fulmen");
        xml.WriteEndElement();
    }

    public const string OwnerId = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
}
