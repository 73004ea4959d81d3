using Fulmen.Storage.Leases;

namespace Fulmen.Schedules.Firing;

/// <summary>
/// The one lease under which a node fires every schedule: simplest to reason about, and one holder fires 10,000
/// schedules easily (docs/schedules.md). Its fencing token guards the schedule state writes. Time here is the
/// lease store's real time, never the schedule clock, so a manual clock cannot starve the lease.
/// </summary>
internal sealed class ScheduleLease(ILeaseStore leases, TimeProvider time, ScheduleEngineOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Lease? _held;

    /// <summary>The token of the lease as last seen held; null when this node does not hold it.</summary>
    public long? Token => Volatile.Read(ref _held)?.Token;

    /// <summary>
    /// Answers the token of a lease this node holds with at least half its duration left, renewing or taking it when
    /// needed; null when another holder has it.
    /// </summary>
    public async Task<long?> EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var held = _held;
            if (held is not null && held.ExpiresAt - time.GetUtcNow() > options.LeaseDuration / 2)
            {
                return held.Token;
            }
            if (held is not null)
            {
                held = await leases.RenewAsync(held, options.LeaseDuration, cancellationToken);
            }
            held ??= await leases.TryAcquireAsync(options.LeaseName, options.Holder, options.LeaseDuration, cancellationToken);
            Volatile.Write(ref _held, held);
            return held?.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Lets the lease go, so another node (or this one restarted) takes it at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_held is { } held)
            {
                _held = null;
                await leases.ReleaseAsync(held);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
