using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// The Lambda REST API over plain HTTP, for what the CLI hides: status codes, headers, raw bodies,
/// requests it would refuse to send, and truly parallel invokes.
/// </summary>
public sealed class LambdaHttp(FulmenServer server) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A response read in full: status, headers (response and content) and body text.</summary>
    public sealed record Response(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        /// <summary>The <c>x-amzn-ErrorType</c> header, the error code clients match on.</summary>
        public string? ErrorType => Header("x-amzn-ErrorType");

        /// <summary>The error body's message, whichever casing of the member AWS uses for this error.</summary>
        public string? ErrorMessage => Json.TryGetProperty("message", out var lower) ? lower.GetString()
            : Json.TryGetProperty("Message", out var upper) ? upper.GetString() : null;

        /// <summary>The REPORT line of the invocation's log tail (<c>X-Amz-Log-Result</c>, asked for with <c>logTail</c>).</summary>
        public string ReportLine()
        {
            var tail = AwsCli.Decode(Header("X-Amz-Log-Result") ?? throw new Xunit.Sdk.XunitException($"no log tail: {this}"));
            return tail.Split('\n').SingleOrDefault(line => line.StartsWith("REPORT RequestId: ", StringComparison.Ordinal))
                ?? throw new Xunit.Sdk.XunitException($"no REPORT line in the log tail:\n{tail}");
        }

        public override string ToString() => $"{(int)Status} {ErrorType}\n{Body}";
    }

    public Task<Response> InvokeAsync(string functionName, string payload, bool logTail = false) =>
        InvokeAsync(functionName, new StringContent(payload, Encoding.UTF8, "application/json"), logTail);

    public async Task<Response> InvokeAsync(string functionName, HttpContent payload, bool logTail = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"/2015-03-31/functions/{Uri.EscapeDataString(functionName)}/invocations"))
        {
            Content = payload,
        };
        if (logTail)
        {
            request.Headers.Add("X-Amz-Log-Type", "Tail");
        }
        return await SendAsync(request);
    }

    /// <summary>Invoke with <c>X-Amz-Invocation-Type: Event</c>; the answer carries the request id every attempt will use.</summary>
    public async Task<Response> InvokeEventAsync(string functionName, string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"/2015-03-31/functions/{Uri.EscapeDataString(functionName)}/invocations"))
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Amz-Invocation-Type", "Event");
        return await SendAsync(request);
    }

    /// <summary>CreateFunction for a test's set-up, where the CLI is not what is tested: asserts 201. <paramref name="settings"/> adds members (Timeout, Environment…).</summary>
    public async Task<Response> CreateFunctionAsync(string name, TestFunction function, JsonObject? settings = null)
    {
        var request = CreateFunctionRequest(name, function, function.Zip(server, name));
        foreach (var (member, value) in settings ?? [])
        {
            request[member] = value?.DeepClone();
        }
        var response = await CreateFunctionAsync(request.ToJsonString());
        Assert.True(response.Status == HttpStatusCode.Created, $"CreateFunction {name}: {response}");
        return response;
    }

    /// <summary>The smallest valid CreateFunction body for <paramref name="function"/> with the code in <paramref name="zip"/>.</summary>
    public static JsonObject CreateFunctionRequest(string name, TestFunction function, string zip) =>
        CreateFunctionRequest(name, function.Runtime, function.Handler, zip);

    /// <summary>The same for code built elsewhere (a compiled function's zip).</summary>
    public static JsonObject CreateFunctionRequest(string name, string runtime, string handler, string zip) => new()
    {
        ["FunctionName"] = name,
        ["Runtime"] = runtime,
        ["Handler"] = handler,
        ["Role"] = TestFunctions.Role,
        ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(File.ReadAllBytes(zip)) },
    };

    /// <summary>CreateFunction with a JSON body as given, so tests can send values the CLI would not.</summary>
    public async Task<Response> CreateFunctionAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/2015-03-31/functions"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return await SendAsync(request);
    }

    public async Task<Response> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        return await SendAsync(request);
    }

    /// <summary>Any Lambda API call: <paramref name="method"/> on <paramref name="path"/> with a JSON body, if given.</summary>
    public async Task<Response> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, Url(path));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await SendAsync(request);
    }

    /// <summary>Downloads an absolute URL (such as GetFunction's <c>Code.Location</c>) as bytes.</summary>
    public async Task<byte[]> DownloadAsync(string url)
    {
        using var response = await _http.GetAsync(new Uri(url));
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// Fills the connection pool: <paramref name="count"/> health requests at once, so that the parallel
    /// requests after it mostly find open connections instead of waiting for handshakes.
    /// </summary>
    public async Task OpenConnectionsAsync(int count)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(async _ =>
        {
            await start.Task;
            return await GetAsync("/_fulmen/health");
        }).ToArray();
        start.SetResult();
        await Task.WhenAll(requests);
    }

    public async Task<Response> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Response(response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }

    private Uri Url(string path) => new($"{server.Endpoint}{path}");

    public void Dispose() => _http.Dispose();
}
