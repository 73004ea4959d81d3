using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.QueryProtocol;

/// <summary>
/// Writes query-protocol answers: <c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;…&lt;ResponseMetadata&gt;</c> in the
/// service's namespace, and errors as <c>&lt;ErrorResponse&gt;</c> with status 400 (or the given status).
/// </summary>
public static class QueryResponse
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Async = false, Indent = false };

    public static Task WriteAsync(HttpContext context, string xmlNamespace, string action, Action<XmlWriter> writeResult)
    {
        var requestId = Guid.NewGuid().ToString();
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement($"{action}Response", xmlNamespace);
            xml.WriteStartElement($"{action}Result");
            writeResult(xml);
            xml.WriteEndElement();
            xml.WriteStartElement("ResponseMetadata");
            xml.WriteElementString("RequestId", requestId);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return SendAsync(context, 200, requestId, buffer);
    }

    public static Task WriteErrorAsync(HttpContext context, string xmlNamespace, QueryError error)
    {
        var requestId = Guid.NewGuid().ToString();
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("ErrorResponse", xmlNamespace);
            xml.WriteStartElement("Error");
            xml.WriteElementString("Type", error.Status >= 500 ? "Receiver" : "Sender");
            xml.WriteElementString("Code", error.Code);
            xml.WriteElementString("Message", error.Message);
            xml.WriteEndElement();
            xml.WriteElementString("RequestId", requestId);
            xml.WriteEndElement();
        }
        return SendAsync(context, error.Status, requestId, buffer);
    }

    private static async Task SendAsync(HttpContext context, int status, string requestId, MemoryStream buffer)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/xml";
        response.Headers["x-amzn-RequestId"] = requestId;
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}

/// <summary>A service error as the query protocol reports it; thrown by handlers and turned into an ErrorResponse.</summary>
public sealed class QueryError(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}
