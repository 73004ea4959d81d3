using System.Text.Json.Serialization;
using Fulmen.Storage.Functions;

namespace Fulmen.Storage.Sqlite;

[JsonSerializable(typeof(FunctionRecord))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
