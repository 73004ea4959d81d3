using System.Text.Json;
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
}
