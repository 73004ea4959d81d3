namespace Fulmen.Execution.Provisioned;

/// <summary>Where provisioning stands, in AWS's words (<c>IN_PROGRESS</c>, <c>READY</c>, <c>FAILED</c>).</summary>
public enum ProvisionedState
{
    InProgress,
    Ready,
    Failed,
}

/// <summary>
/// A provisioned concurrency config as GetProvisionedConcurrencyConfig reports it: how many environments were asked
/// for, how many are initialised and alive, and why provisioning failed if it did.
/// </summary>
public readonly record struct ProvisionedStatus(int Requested, int Allocated, int Available, ProvisionedState State, string? Reason)
{
    public string StateName => State switch
    {
        ProvisionedState.Ready => "READY",
        ProvisionedState.Failed => "FAILED",
        _ => "IN_PROGRESS",
    };
}
