using System.Text.Json.Serialization;

namespace Fulmen.Functions.Api;

// Provisioned concurrency configs as AWS's Lambda API (2019-09-30) names their members.

/// <summary>The body of PutProvisionedConcurrencyConfig.</summary>
public sealed class PutProvisionedConcurrencyRequest
{
    public int? ProvisionedConcurrentExecutions { get; set; }
}

/// <summary>What Put and Get answer, and (with <see cref="FunctionArn"/>) one item of the List.</summary>
public sealed class ProvisionedConcurrencyConfig
{
    /// <summary>The qualified ARN of the version or alias; only in List items.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FunctionArn { get; init; }
    public required int RequestedProvisionedConcurrentExecutions { get; init; }
    public required int AvailableProvisionedConcurrentExecutions { get; init; }
    public required int AllocatedProvisionedConcurrentExecutions { get; init; }
    public required string Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StatusReason { get; init; }
    /// <summary>ISO 8601, as the other 2019-era members (e.g. <c>2024-01-01T00:00:00.000+0000</c>).</summary>
    public required string LastModified { get; init; }
}

public sealed class ListProvisionedConcurrencyConfigsResponse
{
    public required List<ProvisionedConcurrencyConfig> ProvisionedConcurrencyConfigs { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextMarker { get; init; }
}

[JsonSerializable(typeof(PutProvisionedConcurrencyRequest))]
[JsonSerializable(typeof(ProvisionedConcurrencyConfig))]
[JsonSerializable(typeof(ListProvisionedConcurrencyConfigsResponse))]
internal sealed partial class ProvisionedConcurrencyJsonContext : JsonSerializerContext;
