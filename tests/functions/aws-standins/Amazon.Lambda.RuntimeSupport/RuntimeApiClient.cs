using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Amazon.Lambda.RuntimeSupport;

/// <summary>One invocation as <c>/next</c> delivers it.</summary>
internal sealed record Invocation(string RequestId, long DeadlineMs, string FunctionArn, string TraceId, byte[] Payload);

/// <summary>The Lambda Runtime API (<c>2018-06-01</c>) over HTTP.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private readonly HttpClient _http;

    public RuntimeApiClient(string endpoint)
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://{endpoint}/2018-06-01/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", cancellationToken);
        response.EnsureSuccessStatusCode();
        return new Invocation(
            Header(response, "Lambda-Runtime-Aws-Request-Id"),
            long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), out var deadline) ? deadline : 0,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        using var response = await _http.PostAsync($"runtime/invocation/{requestId}/response", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Reports the exception as AWS's .NET runtime does: type name, message and stack frames.</summary>
    public async Task ErrorAsync(string requestId, Exception error, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            errorType = error.GetType().Name,
            errorMessage = error.Message,
            stackTrace = (error.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim()).ToArray(),
        });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.aws.lambda.error+json");
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", error.GetType().Name);
        using var response = await _http.PostAsync($"runtime/invocation/{requestId}/error", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
