using System.Text.Json;
using System.Threading.Channels;
using Fulmen.Functions.Async;
using Fulmen.Storage.Queues;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// Deliveries waiting for their endpoint, as items of one durable queue (<c>sns-delivery</c>): Publish answers once
/// they are stored, so a restart loses nothing accepted. A FIFO topic's items are grouped by subscription and message
/// group, so the store hands each group out in order, one at a time. Stored deliveries wake the worker at once.
/// </summary>
public sealed class DeliveryQueue(IQueueStore store, AsyncOptions node)
{
    public const string QueueName = "sns-delivery";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = false,
    });

    public string Holder => $"sns/{node.NodeId}";

    public ChannelReader<bool> Wake => _wake.Reader;

    public async Task AddAsync(IReadOnlyList<DeliveryItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }
        // Appended together, the items share the store's commit.
        var appends = new Task[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            appends[i] = store.AppendAsync(QueueName, Append(items[i]), cancellationToken);
        }
        await Task.WhenAll(appends);
        _wake.Writer.TryWrite(true);
    }

    private static QueueAppend Append(DeliveryItem item) => new()
    {
        Body = JsonSerializer.SerializeToUtf8Bytes(item, DeliveryJsonContext.Default.DeliveryItem),
        Group = item.MessageGroupId is { } group ? $"{item.SubscriptionId}/{group}" : null,
    };

    public Task<IReadOnlyList<QueueItem>> LeaseAsync(int max, TimeSpan hold, CancellationToken cancellationToken) =>
        store.LeaseAsync(QueueName, new QueueLeaseRequest { Holder = Holder, MaxItems = max, Visibility = hold, Grouped = true }, cancellationToken);

    public Task DoneAsync(long id, CancellationToken cancellationToken) => store.AcknowledgeAsync(QueueName, id, cancellationToken);

    public Task RetryAsync(long id, TimeSpan delay, CancellationToken cancellationToken) => store.ReleaseAsync(QueueName, id, delay, null, cancellationToken);

    /// <summary>After a restart: what this node held when it stopped is due again now.</summary>
    public Task LetGoAsync(CancellationToken cancellationToken) => store.ReleaseHeldAsync(QueueName, Holder, cancellationToken);

    public Task<QueueCounts> CountAsync(CancellationToken cancellationToken) => store.CountAsync(QueueName, cancellationToken);

    public static DeliveryItem? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, DeliveryJsonContext.Default.DeliveryItem);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
