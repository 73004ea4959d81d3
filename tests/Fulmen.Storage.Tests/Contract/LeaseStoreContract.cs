using Fulmen.Storage.Leases;

namespace Fulmen.Storage.Tests.Contract;

/// <summary><see cref="ILeaseStore"/>: one holder at a time until expiry on the fake clock, and fencing tokens that rise.</summary>
public abstract class LeaseStoreContract : StorageContract
{
    private const string Poller = "poller/queue-1";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private ILeaseStore Leases => Backend.Leases;

    [Fact]
    public async Task TryAcquireAsync_FreeLease_ReturnsItUntilNowPlusDuration()
    {
        var lease = await Leases.TryAcquireAsync(Poller, "node-a", Duration);

        Assert.NotNull(lease);
        Assert.Equal((Poller, "node-a", Start + Duration), (lease.Name, lease.Holder, lease.ExpiresAt));
        Assert.Equal(lease, await Leases.GetAsync(Poller));
    }

    [Fact]
    public async Task GetAsync_NeverTaken_ReturnsNull()
    {
        await Leases.TryAcquireAsync(Poller, "node-a", Duration);

        Assert.Null(await Leases.GetAsync("poller/queue-2"));
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnotherHolder_ReturnsNullUntilItExpires()
    {
        var lease = await Leases.TryAcquireAsync(Poller, "node-a", Duration);

        Assert.Null(await Leases.TryAcquireAsync(Poller, "node-b", Duration));
        Time.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.Null(await Leases.TryAcquireAsync(Poller, "node-b", TimeSpan.FromMinutes(5)));

        Assert.Equal(lease, await Leases.GetAsync(Poller));
    }

    [Fact]
    public async Task TryAcquireAsync_AfterExpiry_AnotherHolderTakesItWithAHigherToken()
    {
        var old = await Leases.TryAcquireAsync(Poller, "node-a", Duration);
        Time.Advance(Duration + TimeSpan.FromSeconds(1));

        Assert.Equal(old, await Leases.GetAsync(Poller)); // lapsed, still as stored
        var taken = await Leases.TryAcquireAsync(Poller, "node-b", Duration);

        Assert.NotNull(taken);
        Assert.Equal("node-b", taken.Holder);
        Assert.True(taken.Token > old!.Token, $"token {taken.Token} after {old.Token}");
        Assert.Equal(Time.GetUtcNow() + Duration, taken.ExpiresAt);
        Assert.Equal(taken, await Leases.GetAsync(Poller));
    }

    [Fact]
    public async Task RenewAsync_AfterAnotherHolderTookIt_ReturnsNullAndReleaseReturnsFalse()
    {
        var old = await Leases.TryAcquireAsync(Poller, "node-a", Duration);
        Time.Advance(Duration + TimeSpan.FromSeconds(1));
        var taken = await Leases.TryAcquireAsync(Poller, "node-b", Duration);

        Assert.Null(await Leases.RenewAsync(old!, Duration));
        Assert.False(await Leases.ReleaseAsync(old!));

        Assert.Equal(taken, await Leases.GetAsync(Poller));
        Assert.Null(await Leases.TryAcquireAsync(Poller, "node-a", Duration));
    }

    [Fact]
    public async Task RenewAsync_WhileHeld_ExtendsItPastTheFirstExpiry()
    {
        var lease = await Leases.TryAcquireAsync(Poller, "node-a", Duration);
        Time.Advance(TimeSpan.FromSeconds(20));

        var renewed = await Leases.RenewAsync(lease!, Duration);

        Assert.Equal(lease! with { ExpiresAt = Start.AddSeconds(20) + Duration }, renewed);
        Time.Advance(TimeSpan.FromSeconds(20)); // 10 s past the first expiry
        Assert.Null(await Leases.TryAcquireAsync(Poller, "node-b", Duration));
        Assert.Equal(renewed, await Leases.GetAsync(Poller));
    }

    [Fact]
    public async Task RenewAsync_LapsedButNotTaken_RenewsWithTheSameToken()
    {
        var lease = await Leases.TryAcquireAsync(Poller, "node-a", Duration);
        Time.Advance(Duration * 3);

        var renewed = await Leases.RenewAsync(lease!, Duration);

        Assert.Equal(lease! with { ExpiresAt = Time.GetUtcNow() + Duration }, renewed);
        Assert.Null(await Leases.TryAcquireAsync(Poller, "node-b", Duration));
    }

    [Fact]
    public async Task TryAcquireAsync_SameHolderAgain_KeepsTheTokenAndExtends()
    {
        var lease = await Leases.TryAcquireAsync(Poller, "node-a", Duration);
        Time.Advance(TimeSpan.FromSeconds(10));

        var again = await Leases.TryAcquireAsync(Poller, "node-a", Duration);

        Assert.Equal(lease! with { ExpiresAt = Start.AddSeconds(10) + Duration }, again);
        Time.Advance(Duration * 2);
        var lapsedAgain = await Leases.TryAcquireAsync(Poller, "node-a", Duration);
        Assert.Equal(lease.Token, lapsedAgain!.Token);
    }

    [Fact]
    public async Task ReleaseAsync_HeldLease_FreesItAndGetAsyncReturnsNull()
    {
        var lease = await Leases.TryAcquireAsync(Poller, "node-a", Duration);

        Assert.True(await Leases.ReleaseAsync(lease!));

        Assert.Null(await Leases.GetAsync(Poller));
        Assert.False(await Leases.ReleaseAsync(lease!));
        Assert.Null(await Leases.RenewAsync(lease!, Duration));
        Assert.NotNull(await Leases.TryAcquireAsync(Poller, "node-b", Duration));
    }

    [Fact]
    public async Task TryAcquireAsync_AfterRelease_GetsAHigherToken()
    {
        var first = await Leases.TryAcquireAsync(Poller, "node-a", Duration);
        await Leases.ReleaseAsync(first!);

        var second = await Leases.TryAcquireAsync(Poller, "node-b", Duration);
        await Leases.ReleaseAsync(second!);
        var third = await Leases.TryAcquireAsync(Poller, "node-a", Duration);

        // Fencing: work done under an earlier holding can always be told from work done under a later one.
        Assert.True(second!.Token > first!.Token, $"token {second.Token} after {first.Token}");
        Assert.True(third!.Token > second.Token, $"token {third.Token} after {second.Token}");
        Assert.Null(await Leases.RenewAsync(first, Duration));
        Assert.Equal(third, await Leases.GetAsync(Poller));
    }

    [Fact]
    public async Task Leases_WithDifferentNames_AreIndependent()
    {
        var a = await Leases.TryAcquireAsync("schedule/a", "node-a", Duration);
        var b = await Leases.TryAcquireAsync("schedule/b", "node-b", Duration);

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.True(await Leases.ReleaseAsync(a));
        Assert.Null(await Leases.GetAsync("schedule/a"));
        Assert.Equal(b, await Leases.GetAsync("schedule/b"));
        Assert.Null(await Leases.TryAcquireAsync("schedule/b", "node-a", Duration));
    }

    [Fact]
    public async Task TryAcquireAsync_ManyHoldersAtOnce_ExactlyOneWins()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Leases.TryAcquireAsync(Poller, $"node-{i}", Duration))));

        var winner = Assert.Single(attempts, lease => lease is not null);
        Assert.Equal(winner, await Leases.GetAsync(Poller));
    }

    [Fact]
    public async Task GetAsync_AfterReopen_ReturnsTheLeaseAsStored()
    {
        var lease = await Leases.TryAcquireAsync(Poller, "node-a", Duration);

        await ReopenAsync();

        Assert.Equal(lease, await Leases.GetAsync(Poller));
        Assert.Null(await Leases.TryAcquireAsync(Poller, "node-b", Duration));
    }
}
