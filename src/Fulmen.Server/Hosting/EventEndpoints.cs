using Fulmen.Events.Delivery;

namespace Fulmen.Server.Hosting;

/// <summary>
/// <c>GET /_fulmen/events</c> for <c>fulmen events</c>: buses, rules with their targets and delivery counts since the
/// server started (the numbers <c>/metrics</c> exports), sends waiting for a retry, and the last deliveries.
/// </summary>
internal static class EventEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/_fulmen/events", async (EventsOverview overview, CancellationToken cancellationToken) =>
            Results.Text((await overview.BuildAsync(cancellationToken)).ToJsonString(), "application/json"));
}
