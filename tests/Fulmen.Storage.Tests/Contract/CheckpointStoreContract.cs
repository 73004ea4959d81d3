using Fulmen.Storage.Checkpoints;

namespace Fulmen.Storage.Tests.Contract;

/// <summary><see cref="ICheckpointStore"/>: positions per consumer and partition, saved conditionally on the version read.</summary>
public abstract class CheckpointStoreContract : StorageContract
{
    private const string Consumer = "mapping-1";

    private ICheckpointStore Checkpoints => Backend.Checkpoints;

    [Fact]
    public async Task TrySaveAsync_FirstSaveExpectingZero_ReturnsVersionOneAndGetAsyncReturnsIt()
    {
        Assert.Equal(1, await Checkpoints.TrySaveAsync(Consumer, "shard-1", "49590338271490256608559692538361571095921575989136588898", 0));

        var checkpoint = await Checkpoints.GetAsync(Consumer, "shard-1");

        Assert.Equal(new Checkpoint(Consumer, "shard-1", "49590338271490256608559692538361571095921575989136588898", 1, Start), checkpoint);
    }

    [Fact]
    public async Task GetAsync_NothingSaved_ReturnsNull()
    {
        await Checkpoints.TrySaveAsync(Consumer, "shard-1", "10", 0);

        Assert.Null(await Checkpoints.GetAsync(Consumer, "shard-2"));
        Assert.Null(await Checkpoints.GetAsync("mapping-2", "shard-1"));
    }

    [Fact]
    public async Task TrySaveAsync_FirstSaveWhenOneExists_ReturnsNullAndKeepsPosition()
    {
        await Checkpoints.TrySaveAsync(Consumer, "shard-1", "10", 0);

        Assert.Null(await Checkpoints.TrySaveAsync(Consumer, "shard-1", "5", 0));

        Assert.Equal(("10", 1L), await PositionAsync("shard-1"));
    }

    [Fact]
    public async Task TrySaveAsync_WithStoredVersion_MovesThePositionAndUpdatedAt()
    {
        await Checkpoints.TrySaveAsync(Consumer, "shard-1", "10", 0);
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(2, await Checkpoints.TrySaveAsync(Consumer, "shard-1", "20", 1));
        Assert.Equal(3, await Checkpoints.TrySaveAsync(Consumer, "shard-1", "30", 2));

        Assert.Equal(new Checkpoint(Consumer, "shard-1", "30", 3, Start.AddSeconds(5)), await Checkpoints.GetAsync(Consumer, "shard-1"));
    }

    [Fact]
    public async Task TrySaveAsync_WithStaleVersion_ReturnsNullAndKeepsPosition()
    {
        await Checkpoints.TrySaveAsync(Consumer, "shard-1", "10", 0);
        await Checkpoints.TrySaveAsync(Consumer, "shard-1", "20", 1);

        Assert.Null(await Checkpoints.TrySaveAsync(Consumer, "shard-1", "15", 1)); // a consumer that lost its lease
        Assert.Null(await Checkpoints.TrySaveAsync(Consumer, "shard-1", "99", 3));

        Assert.Equal(("20", 2L), await PositionAsync("shard-1"));
    }

    [Fact]
    public async Task TrySaveAsync_ExpectingAVersionNeverSaved_ReturnsNullAndSavesNothing()
    {
        Assert.Null(await Checkpoints.TrySaveAsync(Consumer, "shard-1", "10", 1));

        Assert.Null(await Checkpoints.GetAsync(Consumer, "shard-1"));
    }

    [Fact]
    public async Task ListAsync_SeveralPartitions_OrdersByPartitionAndKeepsToTheConsumer()
    {
        foreach (var partition in new[] { "shard-2", "shard-10", "shard-1", "shard-3" })
        {
            await Checkpoints.TrySaveAsync(Consumer, partition, $"at-{partition}", 0);
        }
        await Checkpoints.TrySaveAsync("mapping-2", "shard-0", "elsewhere", 0);
        await Checkpoints.TrySaveAsync("mapping-", "shard-0", "elsewhere", 0);

        var list = await Checkpoints.ListAsync(Consumer);

        Assert.Equal(["shard-1", "shard-10", "shard-2", "shard-3"], list.Select(c => c.Partition));
        Assert.All(list, c => Assert.Equal((Consumer, $"at-{c.Partition}", 1L), (c.Consumer, c.Position, c.Version)));
        Assert.Empty(await Checkpoints.ListAsync("mapping-3"));
    }

    [Fact]
    public async Task DeleteAsync_Consumer_ForgetsEveryPartitionOfThatConsumerOnly()
    {
        foreach (var partition in new[] { "shard-1", "shard-2", "shard-3" })
        {
            await Checkpoints.TrySaveAsync(Consumer, partition, "10", 0);
        }
        await Checkpoints.TrySaveAsync("mapping-2", "shard-1", "77", 0);

        Assert.Equal(3, await Checkpoints.DeleteAsync(Consumer));

        Assert.Empty(await Checkpoints.ListAsync(Consumer));
        Assert.Null(await Checkpoints.GetAsync(Consumer, "shard-1"));
        Assert.Equal(0, await Checkpoints.DeleteAsync(Consumer));
        Assert.Equal("77", Assert.Single(await Checkpoints.ListAsync("mapping-2")).Position);
        Assert.Equal(1, await Checkpoints.TrySaveAsync(Consumer, "shard-1", "0", 0));
    }

    [Fact]
    public async Task GetAsync_AfterReopen_ReturnsTheSavedCheckpoint()
    {
        await Checkpoints.TrySaveAsync(Consumer, "shard-1", "10", 0);
        await Checkpoints.TrySaveAsync(Consumer, "shard-1", "20", 1);

        await ReopenAsync();

        Assert.Equal(new Checkpoint(Consumer, "shard-1", "20", 2, Start), await Checkpoints.GetAsync(Consumer, "shard-1"));
        Assert.Null(await Checkpoints.TrySaveAsync(Consumer, "shard-1", "15", 1));
    }

    private async Task<(string? Position, long Version)> PositionAsync(string partition) =>
        await Checkpoints.GetAsync(Consumer, partition) is { } checkpoint ? (checkpoint.Position, checkpoint.Version) : (null, 0);
}
