using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Fulmen.Lambda.RuntimeSupport;

/// <summary>One invocation as <c>/next</c> delivers it.</summary>
internal sealed record NextInvocation(
    string RequestId,
    long DeadlineMs,
    string InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    byte[] Payload);

/// <summary>
/// The Runtime API (<c>2018-06-01</c>) over one keep-alive connection, with no client timeout: <c>/next</c>
/// waits as long as the environment is idle.
/// </summary>
internal sealed class RuntimeApiClient(string endpoint) : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly MediaTypeHeaderValue ErrorType = new("application/vnd.aws.lambda.error+json");

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri($"http://{endpoint}/2018-06-01/"),
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>For a pre-started host: waits until Fulmen says which function to load, and returns that assignment (JSON).</summary>
    public async Task<byte[]> WaitForAssignmentAsync()
    {
        using var response = await _http.GetAsync("fulmen/assignment");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task<NextInvocation> NextAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var headers = response.Headers;
        return new NextInvocation(
            Header(headers, "Lambda-Runtime-Aws-Request-Id") ?? "",
            long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var deadline) ? deadline : 0,
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(headers, "Lambda-Runtime-Trace-Id"),
            Header(headers, "Lambda-Runtime-Client-Context"),
            Header(headers, "Lambda-Runtime-Cognito-Identity"),
            await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public Task RespondAsync(string requestId, MemoryStream body) =>
        PostAsync($"runtime/invocation/{requestId}/response", new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length) { Headers = { ContentType = JsonType } });

    public Task ErrorAsync(string requestId, byte[] error, string errorType) =>
        PostAsync($"runtime/invocation/{requestId}/error", new ByteArrayContent(error) { Headers = { ContentType = ErrorType } }, errorType);

    public Task InitErrorAsync(byte[] error, string errorType) =>
        PostAsync("runtime/init/error", new ByteArrayContent(error) { Headers = { ContentType = ErrorType } }, errorType);

    private async Task PostAsync(string path, HttpContent content, string? errorType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        }
        using var response = await _http.SendAsync(request);
        // A 400/413 here means the invocation is already over (timed out) or the answer was too big; the
        // platform has answered the caller, so the host simply moves on.
        if (response.StatusCode >= HttpStatusCode.InternalServerError)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
