using System.Globalization;
using System.Text.Json.Nodes;
using Fulmen.Protocols.Arns;

namespace Fulmen.Events.Delivery;

/// <summary>
/// The event as rules and targets see it, its members in EventBridge's order. PutEvents builds it from an entry;
/// other producers (a pipe with an event bus as its target) build the same shape for <see cref="EventDelivery"/>.
/// </summary>
public static class EventEnvelope
{
    /// <param name="resources">Copied into the envelope (empty when null).</param>
    /// <param name="detail">Becomes the envelope's <c>detail</c>: pass a node nobody else holds (it gets a parent).</param>
    public static string Build(
        AwsAccount account, string id, string source, string detailType, JsonNode? detail, IEnumerable<string>? resources, DateTimeOffset time)
    {
        var list = new JsonArray();
        foreach (var resource in resources ?? [])
        {
            list.Add(resource);
        }
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = id,
            ["detail-type"] = detailType,
            ["source"] = source,
            ["account"] = account.AccountId,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = account.Region,
            ["resources"] = list,
            ["detail"] = detail,
        };
        return envelope.ToJsonString();
    }
}
