using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Json;

/// <summary>
/// A JSON request body, parsed only when it is UTF-8 throughout. JSON must be UTF-8 (RFC 8259), and the parser checks
/// structure, not the bytes inside strings and names: invalid UTF-8 there would surface later, as an exception from
/// whatever read the value. Here it is a <see cref="JsonException"/>, which each API already answers as its 400.
/// </summary>
public static class JsonBody
{
    public static async Task<JsonDocument> ParseAsync(HttpRequest request) =>
        // Parse copies nothing: the document reads the body's own array, which lives as long as the document does.
        JsonDocument.Parse(await ReadAsync(request));

    /// <summary>The whole body, checked to be UTF-8 throughout (else a <see cref="JsonException"/>), for any JSON reader.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request)
    {
        var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength.Value : 4_096);
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return Utf8.IsValid(body.Span) ? body : throw new JsonException("The body is not valid UTF-8.");
    }

    /// <summary>
    /// An AWS JSON 1.0/1.1 request's members: empty when there is no body, else one JSON object whose members are each
    /// named once (a JsonObject would otherwise throw when a doubled member is first read); else a <see cref="JsonException"/>.
    /// </summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        var bytes = await ReadAsync(request);
        var node = bytes.IsEmpty ? null : JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        return node as JsonObject ?? (node is null ? [] : throw new JsonException("The body is not a JSON object."));
    }

    /// <summary>A JSON protocol's 200 answer: the result in the protocol's content type, with a request id.</summary>
    public static Task WriteResultAsync(HttpResponse response, JsonObject result, string contentType)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        return response.WriteAsync(result.ToJsonString(), response.HttpContext.RequestAborted);
    }
}
