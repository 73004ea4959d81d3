using System.Text.Json.Serialization;

namespace Fulmen.Pipes.Model;

[JsonSerializable(typeof(PipeRecord))]
internal sealed partial class PipeJsonContext : JsonSerializerContext;
