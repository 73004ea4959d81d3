namespace Fulmen.Storage.Leases;

/// <summary>
/// Named, time-bounded ownership: what a poller or a schedule takes so that exactly one process runs it. A lease
/// belongs to its holder until it expires; a lapsed lease can be taken by another holder. Each change of holder
/// raises the lease's token, so work done under a lease that was lost can be told apart (a fencing token).
/// </summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease when it is free, lapsed, or already this holder's; null when another holder has it.</summary>
    Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease still held with the same token; null when it was released or taken by another holder.</summary>
    Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up; false when it was no longer this holder's.</summary>
    Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken = default);

    /// <summary>The lease as stored (possibly lapsed), or null when nobody ever took it or it was released.</summary>
    Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default);
}

public sealed record Lease(string Name, string Holder, long Token, DateTimeOffset ExpiresAt);
