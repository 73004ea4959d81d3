using System.Net;
using System.Net.Http.Headers;

namespace Fulmen.Bench.Measurement;

/// <summary>
/// Asynchronous invokes (<c>X-Amz-Invocation-Type: Event</c>) over the same client as <see cref="InvokeClient"/>:
/// one keep-alive connection per concurrent loop. An invoke is good when it answers 202, which Fulmen sends
/// only once the event is on disk.
/// </summary>
internal sealed class EventClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly byte[] _payload;

    public EventClient(Uri invokeUri, byte[] payload)
    {
        _uri = invokeUri;
        _payload = payload;
        _http = LoadHttpClient.Create();
    }

    /// <summary>Why the last failed invoke failed, for the report.</summary>
    public string? LastError { get; private set; }

    public async Task<bool> EnqueueAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(_payload) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("X-Amz-Invocation-Type", "Event");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return true;
        }
        LastError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        return false;
    }

    public void Dispose() => _http.Dispose();
}
