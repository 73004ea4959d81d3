using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.DotnetCold;

/// <summary>One invoke as the client saw it, and the REPORT line's figures for it (absent when the log tail had none).</summary>
/// <param name="InitMs">REPORT's <c>Init Duration</c>: only on the first invoke of an environment, so its presence means this invoke was a cold start.</param>
internal sealed record TailedInvoke(double ClientMs, double? InitMs, double? DurationMs);

/// <summary>
/// Invokes with a given payload and checks the exact answer, on the load client's HTTP stack
/// (<see cref="LoadHttpClient"/>); <see cref="InvokeWithTailAsync"/> also asks for the log tail
/// (<c>X-Amz-Log-Type: Tail</c>) and reads the REPORT line out of <c>X-Amz-Log-Result</c>.
/// </summary>
internal sealed partial class TailInvokeClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http = LoadHttpClient.Create();
    private readonly Uri _uri;
    private readonly byte[] _payload;
    private readonly byte[] _expected;

    public TailInvokeClient(Uri invokeUri, string payload, string expected)
    {
        _uri = invokeUri;
        _payload = Encoding.UTF8.GetBytes(payload);
        _expected = Encoding.UTF8.GetBytes(expected);
    }

    /// <summary>Why the last failed invoke failed, for the report.</summary>
    public string? LastError { get; private set; }

    /// <summary>For the closed loops: true when the answer is 200, no function error, and exactly the expected body.</summary>
    public async Task<bool> InvokeAsync()
    {
        using var response = await SendAsync(tail: false);
        return await CheckAsync(response);
    }

    /// <summary>A timed invoke with the log tail; throws on a wrong answer.</summary>
    public async Task<TailedInvoke> InvokeWithTailAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await SendAsync(tail: true);
        var ok = await CheckAsync(response);
        var elapsed = MsSample.Ms(started, Stopwatch.GetTimestamp());
        if (!ok)
        {
            throw new InvalidOperationException($"Invoke of {_uri} failed: {LastError}");
        }
        var tail = response.Headers.TryGetValues("X-Amz-Log-Result", out var values)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(values.First()))
            : "";
        var report = tail.Split('\n').LastOrDefault(l => l.StartsWith("REPORT ", StringComparison.Ordinal)) ?? "";
        return new TailedInvoke(elapsed, Number(InitDuration().Match(report)), Number(Duration().Match(report)));
    }

    private async Task<HttpResponseMessage> SendAsync(bool tail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(_payload) };
        request.Content.Headers.ContentType = Json;
        if (tail)
        {
            request.Headers.Add("X-Amz-Log-Type", "Tail");
        }
        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    }

    private async Task<bool> CheckAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        var ok = response.StatusCode == HttpStatusCode.OK && !response.Headers.Contains("X-Amz-Function-Error") && body.AsSpan().SequenceEqual(_expected);
        if (!ok)
        {
            LastError = $"{(int)response.StatusCode} {Encoding.UTF8.GetString(body)}";
        }
        return ok;
    }

    private static double? Number(Match match) =>
        match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"\tInit Duration: ([0-9.]+) ms")]
    private static partial Regex InitDuration();

    [GeneratedRegex(@"\tDuration: ([0-9.]+) ms")]
    private static partial Regex Duration();

    public void Dispose() => _http.Dispose();
}
