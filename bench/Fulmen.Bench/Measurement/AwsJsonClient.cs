using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fulmen.Bench.Measurement;

/// <summary>
/// One AWS JSON protocol call as the SDKs send it (<c>POST /</c> with <c>X-Amz-Target: PREFIX.Operation</c>),
/// unsigned (the server checks signatures only with <c>--verify-signatures</c>); the body is written with
/// <see cref="Utf8JsonWriter"/> so the load client spends little of the cores it shares with the server.
/// </summary>
internal sealed class AwsJsonClient(HttpClient http, Uri endpoint, string targetPrefix, string jsonVersion)
{
    private readonly MediaTypeHeaderValue _contentType = new("application/x-amz-json-" + jsonVersion);

    /// <summary>Calls the operation with the members <paramref name="members"/> writes; throws on an error answer.</summary>
    public async Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ReadOnlyMemoryContent(buffer.WrittenMemory) };
        request.Content.Headers.ContentType = _contentType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", targetPrefix + "." + operation);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }
        return JsonDocument.Parse(bytes);
    }
}
