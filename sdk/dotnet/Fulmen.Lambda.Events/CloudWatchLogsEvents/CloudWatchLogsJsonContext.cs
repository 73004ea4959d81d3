using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CloudWatchLogsEvents;

/// <summary>Reads <see cref="CloudWatchLogsData"/> without reflection (trimming and AOT safe).</summary>
[JsonSerializable(typeof(CloudWatchLogsData))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class CloudWatchLogsJsonContext : JsonSerializerContext
{
}
