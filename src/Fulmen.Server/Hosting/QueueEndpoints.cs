using System.Text.Json.Serialization;
using Fulmen.Functions.Async;

namespace Fulmen.Server.Hosting;

/// <summary>
/// <c>GET /_fulmen/queue</c> for <c>fulmen queue</c>: per function, the asynchronous events waiting, in flight
/// and retrying, and what became of the finished ones since the server started.
/// </summary>
internal static class QueueEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/_fulmen/queue", (AsyncScheduler scheduler) =>
            Results.Json(new QueueResponse(scheduler.Snapshot()), QueueJsonContext.Default.QueueResponse));
}

internal sealed record QueueResponse(IReadOnlyList<AsyncQueueStatus> Functions);

[JsonSerializable(typeof(QueueResponse))]
internal sealed partial class QueueJsonContext : JsonSerializerContext;
