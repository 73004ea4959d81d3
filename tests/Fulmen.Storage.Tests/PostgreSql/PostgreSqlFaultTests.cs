using System.Collections.Concurrent;
using Fulmen.Storage.Queues;

namespace Fulmen.Storage.Tests.PostgreSql;

/// <summary>The server stops while Fulmen runs, and comes back: calls fail as unavailable, then the same objects work.</summary>
[Collection(PostgresFaultCollection.Name)]
public sealed class PostgreSqlFaultTests(PrivatePostgresCluster cluster) : PostgresBackendTest(cluster)
{
    private static readonly QueueAppend Item = new() { Body = "payload"u8.ToArray() };

    [Fact]
    public async Task Operations_ServerStopped_ThrowStorageUnavailableAndRecoverWhenItIsBack()
    {
        var acknowledged = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            acknowledged.Add(await Backend.Queues.AppendAsync("q", Item));
        }
        await Backend.Documents.WriteAsync("c", "a", "{}", 0);

        await Cluster.StopAsync();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => Backend.Queues.AppendAsync("q", Item));
        Assert.StartsWith($"Cannot reach PostgreSQL at {Backend.Location}: ", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Backend.Documents.GetAsync("c", "a"));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Backend.Queues.LeaseAsync("q", Request()));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Backend.Queues.AcknowledgeAsync("q", acknowledged[0]));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Backend.Leases.TryAcquireAsync("l", "h", TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Backend.Checkpoints.ListAsync("m"));

        await Cluster.StartAsync();

        acknowledged.Add(await Backend.Queues.AppendAsync("q", Item));
        Assert.Equal(acknowledged, (await Backend.Queues.LeaseAsync("q", Request())).Select(i => i.Id));
        Assert.Equal(1, (await Backend.Documents.GetAsync("c", "a"))!.Version);
    }

    [Fact]
    public async Task AppendAsync_ServerStopsUnderLoad_EveryAcknowledgedItemSurvives()
    {
        var acknowledged = new ConcurrentBag<long>();
        var refused = 0;
        var firstAppends = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    acknowledged.Add(await Backend.Queues.AppendAsync("q", Item));
                    if (acknowledged.Count >= 200)
                    {
                        firstAppends.TrySetResult();
                    }
                }
                catch (StorageUnavailableException)
                {
                    Interlocked.Increment(ref refused);
                    return;
                }
            }
        })).ToList();

        await firstAppends.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await Cluster.StopAsync();
        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromMinutes(1));
        await Cluster.StartAsync();

        Assert.Equal(16, refused);
        var stored = await Backend.Queues.LeaseAsync("q", Request(max: 1_000_000));
        Assert.Subset(stored.Select(i => i.Id).ToHashSet(), acknowledged.ToHashSet());
    }

    private static QueueLeaseRequest Request(int max = 1000) => new() { Holder = "h", MaxItems = max, Visibility = TimeSpan.FromMinutes(1) };
}
