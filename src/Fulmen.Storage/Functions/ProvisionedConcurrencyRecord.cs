namespace Fulmen.Storage.Functions;

/// <summary>A provisioned concurrency config of one version or alias (PutProvisionedConcurrencyConfig).</summary>
public sealed record ProvisionedConcurrencyRecord
{
    /// <summary>ProvisionedConcurrentExecutions: how many environments to keep initialised.</summary>
    public required int Requested { get; init; }
    public DateTimeOffset LastModified { get; init; }
}
