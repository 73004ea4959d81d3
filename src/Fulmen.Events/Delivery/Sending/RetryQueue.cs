using System.Text.Json;
using System.Text.Json.Serialization;
using Fulmen.Functions.Async;
using Fulmen.Storage.Queues;

namespace Fulmen.Events.Delivery.Sending;

/// <summary>
/// Sends waiting for a retry, as items of one durable queue (<c>events-target-retry</c>): the send is the body, its
/// retry state the attributes, and the wait until the next attempt the item's invisibility. A node leases due items
/// for <see cref="TargetSenderOptions.Hold"/> while it tries them; a node that dies lets them reappear after that.
/// </summary>
public sealed class RetryQueue(IQueueStore store, AsyncOptions node, TargetSenderOptions options)
{
    public const string QueueName = "events-target-retry";

    private string Holder => $"events-retry/{node.NodeId}";

    public Task AddAsync(TargetSend send, RetryState state, TimeSpan delay, CancellationToken cancellationToken) =>
        store.AppendAsync(QueueName, new QueueAppend
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(RetryItem.From(send), SendingJsonContext.Default.RetryItem),
            Attributes = JsonSerializer.SerializeToUtf8Bytes(state, SendingJsonContext.Default.RetryState),
            Delay = delay,
        }, cancellationToken);

    public Task RescheduleAsync(long id, RetryState state, TimeSpan delay, CancellationToken cancellationToken) =>
        store.ReleaseAsync(QueueName, id, delay, JsonSerializer.SerializeToUtf8Bytes(state, SendingJsonContext.Default.RetryState), cancellationToken);

    public Task DoneAsync(long id, CancellationToken cancellationToken) => store.AcknowledgeAsync(QueueName, id, cancellationToken);

    /// <summary>After a restart: what this node held when it stopped is due again now.</summary>
    public Task LetGoAsync(CancellationToken cancellationToken) => store.ReleaseHeldAsync(QueueName, Holder, cancellationToken);

    public async Task<IReadOnlyList<DueSend>> TakeDueAsync(int max, CancellationToken cancellationToken)
    {
        var items = await store.LeaseAsync(QueueName, new QueueLeaseRequest { Holder = Holder, MaxItems = max, Visibility = options.Hold }, cancellationToken);
        var due = new List<DueSend>(items.Count);
        foreach (var item in items)
        {
            var send = Read(item.Body.Span, SendingJsonContext.Default.RetryItem)?.ToSend();
            var state = Read(item.Attributes.Span, SendingJsonContext.Default.RetryState);
            due.Add(new DueSend(item.Id, send, state));
        }
        return due;
    }

    public Task<QueueCounts> CountAsync(CancellationToken cancellationToken) => store.CountAsync(QueueName, cancellationToken);

    private static T? Read<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A send that is due; <see cref="Send"/> or <see cref="State"/> is null when what was stored cannot be read.</summary>
public sealed record DueSend(long Id, TargetSend? Send, RetryState? State);

/// <summary>Attempts so far, when the first was made, and why the last one failed.</summary>
public sealed record RetryState(int Attempts, long FirstAttemptAt, string? ErrorCode, string? ErrorMessage);

/// <summary>A <see cref="TargetSend"/> as stored while it waits.</summary>
public sealed record RetryItem
{
    public required string TargetArn { get; init; }
    public required string Payload { get; init; }
    public required string Principal { get; init; }
    public required string SourceArn { get; init; }
    public bool CheckResourcePolicy { get; init; }
    public int MaximumRetryAttempts { get; init; }
    public int MaximumEventAgeInSeconds { get; init; }
    public string? DeadLetterArn { get; init; }
    public string? MessageGroupId { get; init; }
    public string? MessageDeduplicationId { get; init; }
    public Dictionary<string, string> DeadLetterAttributes { get; init; } = new(StringComparer.Ordinal);

    public static RetryItem From(TargetSend send) => new()
    {
        TargetArn = send.TargetArn,
        Payload = send.Payload,
        Principal = send.Principal,
        SourceArn = send.SourceArn,
        CheckResourcePolicy = send.CheckResourcePolicy,
        MaximumRetryAttempts = send.RetryPolicy.MaximumRetryAttempts,
        MaximumEventAgeInSeconds = send.RetryPolicy.MaximumEventAgeInSeconds,
        DeadLetterArn = send.DeadLetterArn,
        MessageGroupId = send.MessageGroupId,
        MessageDeduplicationId = send.MessageDeduplicationId,
        DeadLetterAttributes = new(send.DeadLetterAttributes, StringComparer.Ordinal),
    };

    public TargetSend ToSend() =>
        new(TargetArn, Payload, Principal, SourceArn, CheckResourcePolicy, new TargetRetryPolicy(MaximumRetryAttempts, MaximumEventAgeInSeconds),
            DeadLetterArn, MessageGroupId, DeadLetterAttributes)
        {
            MessageDeduplicationId = MessageDeduplicationId,
        };
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RetryItem))]
[JsonSerializable(typeof(RetryState))]
internal sealed partial class SendingJsonContext : JsonSerializerContext;
