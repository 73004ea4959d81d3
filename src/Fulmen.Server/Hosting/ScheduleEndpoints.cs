using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fulmen.Schedules.Firing;

namespace Fulmen.Server.Hosting;

/// <summary>
/// <c>GET /_fulmen/schedules</c> for <c>fulmen schedules</c>: every owner's schedules with their next fire time and
/// last result. <c>GET|POST /_fulmen/clock</c>: the schedule clock; a POST of <c>{"now":"…"}</c> or
/// <c>{"advance":"hh:mm:ss"}</c> moves it when the server runs on a manual clock (<c>--manual-clock</c>), and is 404
/// otherwise. Moving it wakes the engine, which fires every tick passed, in order.
/// </summary>
internal static class ScheduleEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/_fulmen/schedules", (ScheduleEngine engine, ScheduleClock clock) =>
            Results.Json(new SchedulesResponse(clock.Time.GetUtcNow(), engine.IsLeaseHolder, engine.Snapshot()), ScheduleJsonContext.Default.SchedulesResponse));
        app.MapGet("/_fulmen/clock", (ScheduleClock clock) =>
            Results.Json(new ClockResponse(clock.Time.GetUtcNow(), clock.Manual is not null), ScheduleJsonContext.Default.ClockResponse));
        app.MapPost("/_fulmen/clock", async (HttpRequest request, ScheduleClock clock, ScheduleEngine engine) =>
        {
            if (clock.Manual is not { } manual)
            {
                return Results.Json(new ClockError("The server runs on the system clock; start it with --manual-clock to move the schedule clock."),
                    ScheduleJsonContext.Default.ClockError, statusCode: StatusCodes.Status404NotFound);
            }
            ClockMove? move;
            try
            {
                move = await JsonSerializer.DeserializeAsync(request.Body, ScheduleJsonContext.Default.ClockMove, request.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                move = null;
            }
            DateTimeOffset now;
            if (move?.Now is { } to && DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && move.Advance is null)
            {
                now = manual.SetUtcNow(at);
            }
            else if (move?.Advance is { } by && TimeSpan.TryParse(by, CultureInfo.InvariantCulture, out var delta) && move.Now is null)
            {
                now = manual.Advance(delta);
            }
            else
            {
                return Results.Json(new ClockError("Give either \"now\" (an ISO 8601 time) or \"advance\" (hh:mm:ss)."),
                    ScheduleJsonContext.Default.ClockError, statusCode: StatusCodes.Status400BadRequest);
            }
            engine.Wake();
            return Results.Json(new ClockResponse(now, true), ScheduleJsonContext.Default.ClockResponse);
        });
    }
}

internal sealed record SchedulesResponse(DateTimeOffset Now, bool LeaseHolder, IReadOnlyList<ScheduleStatus> Schedules);

internal sealed record ClockResponse(DateTimeOffset Now, bool Manual);

internal sealed record ClockMove(string? Now, string? Advance);

internal sealed record ClockError(string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SchedulesResponse))]
[JsonSerializable(typeof(ClockResponse))]
[JsonSerializable(typeof(ClockMove))]
[JsonSerializable(typeof(ClockError))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;
