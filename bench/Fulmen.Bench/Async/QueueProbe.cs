using System.Text.Json;

namespace Fulmen.Bench.Async;

/// <summary>One function's async queue as <c>GET /_fulmen/queue</c> reports it.</summary>
internal readonly record struct QueueStatus(long Waiting, long InFlight, long Retrying, long Succeeded)
{
    /// <summary>Events not finished yet.</summary>
    public long Remaining => Waiting + InFlight + Retrying;
}

/// <summary>Reads <c>GET /_fulmen/queue</c> (the queue `fulmen queue` shows): waiting, in flight, retrying, succeeded.</summary>
internal sealed class QueueProbe(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<QueueStatus> ReadAsync(string function)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/_fulmen/queue", UriKind.Relative)));
        foreach (var entry in document.RootElement.GetProperty("Functions").EnumerateArray())
        {
            if (entry.GetProperty("FunctionName").GetString() == function)
            {
                long Number(string name) => entry.GetProperty(name).GetInt64();
                return new QueueStatus(Number("Waiting"), Number("InFlight"), Number("Retrying"), Number("Succeeded"));
            }
        }
        return default;
    }

    public void Dispose() => _http.Dispose();
}
