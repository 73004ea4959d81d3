using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// The schedule clock of a server started with <c>--manual-clock</c>: start such a server, move its clock
/// (<c>POST /_fulmen/clock</c>), read what the schedule engine plans (<c>GET /_fulmen/schedules</c>), restart it with the
/// clock set later. Only schedules run on this clock; everything else keeps real time.
/// </summary>
public sealed class ServerClock(FulmenServer server)
{
    public const string Option = "--manual-clock";

    public FulmenServer Server { get; } = server;

    /// <summary>A server whose schedule clock stands at <paramref name="start"/> until moved.</summary>
    public static async Task<ServerClock> StartAsync(DateTimeOffset start, params string[] extraArguments) =>
        new(await FulmenServer.StartAsync([.. extraArguments, Option, Iso(start)]));

    /// <summary>Starts the (stopped or crashed) server again on its data, its schedule clock standing at <paramref name="start"/>.</summary>
    public Task RestartAsync(DateTimeOffset start)
    {
        var arguments = Server.ExtraArguments.ToList();
        var at = arguments.IndexOf(Option);
        if (at >= 0)
        {
            arguments.RemoveRange(at, 2);
        }
        return Server.RestartAsync([.. arguments, Option, Iso(start)]);
    }

    public Task<DateTimeOffset> SetAsync(DateTimeOffset now) => MoveAsync(new Dictionary<string, string> { ["now"] = Iso(now) });

    public Task<DateTimeOffset> AdvanceAsync(TimeSpan by) =>
        MoveAsync(new Dictionary<string, string> { ["advance"] = by.ToString("c", CultureInfo.InvariantCulture) });

    public async Task<DateTimeOffset> NowAsync()
    {
        using var http = new HttpClient();
        using var answer = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{Server.Endpoint}/_fulmen/clock")));
        return answer.RootElement.GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>Every schedule as <c>GET /_fulmen/schedules</c> lists it.</summary>
    public async Task<IReadOnlyList<JsonElement>> SchedulesAsync()
    {
        using var http = new HttpClient();
        var answer = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{Server.Endpoint}/_fulmen/schedules"))).RootElement;
        return [.. answer.GetProperty("schedules").EnumerateArray()];
    }

    /// <summary>
    /// Waits until the engine has planned schedule <paramref name="id"/> (owner/id, e.g. <c>rule</c>, <c>default/nightly</c>)
    /// to fire at <paramref name="next"/> (any time when null): move the clock only after that, or the engine plans from
    /// the moved clock. Answers the schedule.
    /// </summary>
    public async Task<JsonElement> WaitPlannedAsync(string owner, string id, DateTimeOffset? next = null, TimeSpan? within = null)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var schedules = await SchedulesAsync();
            var found = schedules.FirstOrDefault(s => s.GetProperty("owner").GetString() == owner && s.GetProperty("id").GetString() == id);
            if (found.ValueKind == JsonValueKind.Object && found.TryGetProperty("nextScheduledTime", out var planned)
                && (next is null || planned.GetDateTimeOffset() == next))
            {
                return found;
            }
            if (guard.Elapsed > (within ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"schedule {owner}/{id} was not planned{(next is null ? "" : $" for {Iso(next.Value)}")}: {string.Join(", ", schedules)}");
            }
            await Task.Delay(50);
        }
    }

    private async Task<DateTimeOffset> MoveAsync(Dictionary<string, string> body)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri($"{Server.Endpoint}/_fulmen/clock"), body);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST /_fulmen/clock answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("now").GetDateTimeOffset();
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
