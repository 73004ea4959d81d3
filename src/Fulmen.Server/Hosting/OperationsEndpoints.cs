using System.Text.Json.Serialization;
using Fulmen.Protocols.Edge;

namespace Fulmen.Server.Hosting;

/// <summary><c>GET /_fulmen/operations</c>: every AWS operation this server answers (service, protocol, operation, route).</summary>
internal static class OperationsEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/_fulmen/operations", (IServiceProvider services) =>
            Results.Json(new OperationsResponse(OperationCatalog.List(services)), OperationsJsonContext.Default.OperationsResponse));
}

internal sealed record OperationsResponse(IReadOnlyList<DeclaredOperation> Operations);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OperationsResponse))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
