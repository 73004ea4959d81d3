using System.Net.Http.Headers;
using System.Text.Json;

namespace Fulmen.Server.Cli;

/// <summary>
/// A thin HTTP client for the CLI's own commands: signs each request (<see cref="SigningHandler"/>) and turns
/// AWS-shaped errors into one readable line.
/// </summary>
internal sealed class FulmenClient(string endpoint) : IDisposable
{
    private readonly HttpClient _http = new(SigningHandler.FromEnvironment()) { BaseAddress = new Uri(endpoint.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };

    public string Endpoint { get; } = endpoint;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach a Fulmen server at {Endpoint} ({e.Message}). Start one with `./fulmen serve`, or pass --endpoint-url.");
        }
    }

    public async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First() : response.StatusCode.ToString();
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = body;
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in new[] { "message", "Message" })
            {
                if (document.RootElement.TryGetProperty(name, out var value))
                {
                    message = value.GetString() ?? body;
                }
            }
        }
        catch (JsonException)
        {
        }
        throw new CliException($"{type}: {message}");
    }

    public static MediaTypeHeaderValue Json { get; } = new("application/json");

    public void Dispose() => _http.Dispose();
}

/// <summary>A failure to tell the user in one line; the command exits with status 1.</summary>
internal sealed class CliException(string message) : Exception(message);
