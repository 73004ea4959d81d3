using System.Text.Json.Serialization;
using Fulmen.Functions.EventSources.Metrics;

namespace Fulmen.Server.Hosting;

/// <summary>
/// <c>GET /_fulmen/mappings</c> for <c>fulmen mappings</c>: per mapping polled in this process, the batches in flight
/// and what became of its records since the server started (the numbers <c>/metrics</c> exports).
/// </summary>
internal static class MappingEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/_fulmen/mappings", (MappingStatistics statistics) =>
            Results.Json(new MappingsResponse(statistics.Snapshot()), MappingsJsonContext.Default.MappingsResponse));
}

internal sealed record MappingsResponse(IReadOnlyList<MappingStatus> Mappings);

[JsonSerializable(typeof(MappingsResponse))]
internal sealed partial class MappingsJsonContext : JsonSerializerContext;
