using System.Net;
using System.Net.Http.Headers;

namespace Fulmen.Bench.Measurement;

/// <summary>
/// The load client: plain HttpClient over SocketsHttpHandler, one keep-alive connection per concurrent
/// loop. An invoke is good when it answers 200 with the no-op's <c>{}</c> and no function error.
/// </summary>
internal sealed class InvokeClient : IDisposable
{
    private static readonly byte[] Event = "{}"u8.ToArray();
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _uri;

    public InvokeClient(Uri invokeUri)
    {
        _uri = invokeUri;
        _http = LoadHttpClient.Create();
    }

    public Uri Uri => _uri;

    /// <summary>Why the last failed invoke failed, for the report.</summary>
    public string? LastError { get; private set; }

    public async Task<bool> InvokeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(Event) };
        request.Content.Headers.ContentType = Json;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        var ok = response.StatusCode == HttpStatusCode.OK && !response.Headers.Contains("X-Amz-Function-Error")
            && body.Length == 2 && body[0] == '{' && body[1] == '}';
        if (!ok)
        {
            LastError = $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}";
        }
        return ok;
    }

    /// <summary>Invokes and throws on a wrong answer: for the untimed checks around the timed runs.</summary>
    public async Task InvokeOrThrowAsync()
    {
        if (!await InvokeAsync())
        {
            throw new InvalidOperationException($"Invoke of {_uri} failed: {LastError}");
        }
    }

    public void Dispose() => _http.Dispose();
}
