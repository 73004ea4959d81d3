using System.Text.Json.Serialization;

namespace Fulmen.Functions.EventSources.Mappings;

/// <summary>How mapping records are stored: one JSON document each.</summary>
[JsonSerializable(typeof(EventSourceMappingRecord))]
internal sealed partial class MappingJsonContext : JsonSerializerContext;
