using System.Text;
using System.Xml;
using Fulmen.Protocols.Xml;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Query;

/// <summary>
/// Writes query-protocol answers: <c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;…&lt;ResponseMetadata&gt;</c> in the
/// service's namespace. Errors are <see cref="QueryError"/>s, written by the edge as <c>&lt;ErrorResponse&gt;</c>.
/// </summary>
public static class QueryResponse
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Async = false, Indent = false };

    public static async Task WriteAsync(HttpContext context, AwsService service, string action, Action<XmlWriter> writeResult)
    {
        var requestId = Guid.NewGuid().ToString();
        using var buffer = new MemoryStream();
        using (var xml = SafeXmlWriter.Open(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement($"{action}Response", service.XmlNamespace ?? "");
            xml.WriteStartElement($"{action}Result");
            writeResult(xml);
            xml.WriteEndElement();
            xml.WriteStartElement("ResponseMetadata");
            xml.WriteElementString("RequestId", requestId);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/xml";
        response.Headers["x-amzn-RequestId"] = requestId;
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
