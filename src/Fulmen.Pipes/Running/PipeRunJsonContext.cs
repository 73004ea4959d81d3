using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fulmen.Pipes.Running;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class PipeRunJsonContext : JsonSerializerContext;
