using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Xml;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Errors;

/// <summary>Writes an <see cref="AwsError"/> in the envelope of the service's protocol, as AWS's endpoints do.</summary>
public static class AwsErrorWriter
{
    private static readonly XmlWriterSettings Xml = new() { Encoding = new UTF8Encoding(false), Indent = false };

    // Messages quote values ('x') and patterns (+): keep them readable rather than \u-escaped, as AWS does.
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The envelope of a request no service recognised: rest-json, as most of AWS's REST services answer.</summary>
    public static readonly AwsService Default = new("unknown", "", AwsProtocol.RestJson);

    /// <summary>Writes <paramref name="error"/> in the protocol of the service the edge resolved for this request.</summary>
    public static Task WriteAsync(this AwsError error, HttpContext context) => WriteAsync(context, error);

    /// <inheritdoc cref="WriteAsync(AwsError, HttpContext)"/>
    public static Task WriteAsync(HttpContext context, AwsError error) =>
        WriteAsync(context, EdgeTarget.Of(context)?.Service ?? Default, error);

    public static Task WriteAsync(HttpContext context, AwsService service, AwsError error)
    {
        var requestId = context.Response.Headers["x-amzn-RequestId"].ToString() is { Length: > 0 } existing ? existing : Guid.NewGuid().ToString();
        using var buffer = new MemoryStream();
        string contentType;
        var protocol = ProtocolOf(service, context.Request);
        switch (protocol)
        {
            case AwsProtocol.RestJson:
                contentType = "application/json";
                WriteJson(buffer, error, typeMember: null);
                break;
            case AwsProtocol.Json10:
            case AwsProtocol.Json11:
                contentType = protocol == AwsProtocol.Json10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
                WriteJson(buffer, error, service.JsonErrorTypePrefix + error.Code);
                break;
            case AwsProtocol.Query:
                contentType = "text/xml";
                WriteQuery(buffer, service, error, requestId);
                break;
            default:
                contentType = "application/xml";
                WriteRestXml(buffer, error, requestId);
                break;
        }
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = contentType;
        response.Headers["x-amzn-RequestId"] = requestId;
        if (protocol is AwsProtocol.RestJson or AwsProtocol.Json10 or AwsProtocol.Json11)
        {
            response.Headers["x-amzn-ErrorType"] = error.Code;
            if (error.QueryCode is { } queryCode && protocol is not AwsProtocol.RestJson)
            {
                response.Headers["x-amzn-query-error"] = $"{queryCode};{(error.IsSenderFault ? "Sender" : "Receiver")}";
            }
        }
        response.ContentLength = buffer.Length;
        return response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).AsTask();
    }

    /// <summary>
    /// The envelope for this request: the service's protocol, except that a query service which also takes JSON 1.0
    /// (SQS: declared with target prefixes) answers a request that came with <c>X-Amz-Target</c> in JSON, as AWS does.
    /// </summary>
    public static AwsProtocol ProtocolOf(AwsService service, HttpRequest request) =>
        service.Protocol == AwsProtocol.Query && service.TargetPrefixes.Count > 0 && request.Headers.ContainsKey("X-Amz-Target")
            ? AwsProtocol.Json10
            : service.Protocol;

    private static void WriteJson(MemoryStream buffer, AwsError error, string? typeMember)
    {
        using var writer = new Utf8JsonWriter(buffer, Json);
        writer.WriteStartObject();
        if (typeMember is not null)
        {
            writer.WriteString("__type", typeMember);
        }
        foreach (var (name, value) in error.Fields)
        {
            writer.WriteString(name, value);
        }
        writer.WriteString(error.MessageMember, error.Message);
        foreach (var (name, value) in error.TrailingFields)
        {
            writer.WriteString(name, value);
        }
        foreach (var (name, json) in error.TrailingJsonFields)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(json);
        }
        writer.WriteEndObject();
    }

    private static void WriteQuery(MemoryStream buffer, AwsService service, AwsError error, string requestId)
    {
        using var xml = SafeXmlWriter.Open(buffer, Xml);
        xml.WriteStartDocument();
        xml.WriteStartElement("ErrorResponse", service.XmlNamespace ?? "");
        xml.WriteStartElement("Error");
        xml.WriteElementString("Type", error.IsSenderFault ? "Sender" : "Receiver");
        xml.WriteElementString("Code", error.QueryCode ?? error.Code);
        xml.WriteElementString("Message", error.Message);
        xml.WriteEndElement();
        xml.WriteElementString("RequestId", requestId);
        xml.WriteEndElement();
    }

    private static void WriteRestXml(MemoryStream buffer, AwsError error, string requestId)
    {
        using var xml = SafeXmlWriter.Open(buffer, Xml);
        xml.WriteStartDocument();
        xml.WriteStartElement("Error");
        xml.WriteElementString("Code", error.Code);
        xml.WriteElementString("Message", error.Message);
        foreach (var (name, value) in error.Fields)
        {
            xml.WriteElementString(name, value);
        }
        xml.WriteElementString("RequestId", requestId);
        xml.WriteEndElement();
    }
}
