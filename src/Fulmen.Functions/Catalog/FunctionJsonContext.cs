using System.Text.Json.Serialization;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Catalog;

/// <summary>How function records are stored: one JSON document each, so new members need no schema migration.</summary>
[JsonSerializable(typeof(FunctionRecord))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;
