using System.Globalization;
using Fulmen.Events.Delivery;
using Fulmen.Events.Delivery.Sending;
using Fulmen.Functions.Async;
using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Storage;
using Fulmen.Storage.Documents;
using Fulmen.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Events.Tests.Sending;

/// <summary>
/// The target sender as the server builds it — <see cref="TargetSender"/>, <see cref="RetryQueue"/>,
/// <see cref="TargetRetryWorker"/>, <see cref="DeadLetters"/> writing to an SQS queue — over SQLite in a temporary
/// directory, on a fake clock, with <see cref="ThrottlingTargetStandIn"/> as the target.
/// <see cref="RestartAsync"/> stops the worker, closes the store and builds everything anew over the same data.
/// </summary>
public sealed class SendingRig : IAsyncDisposable
{
    public const string DeadLetterQueue = "orders-dlq";
    public const string RuleArn = "arn:aws:events:us-east-1:000000000000:rule/orders";

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fulmen-events-{Guid.NewGuid():N}");
    private readonly AwsAccount _account = new();
    private StorageBackend? _backend;
    private TargetRetryWorker? _worker;

    private SendingRig()
    {
        Target = new ThrottlingTargetStandIn(Time);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>One poll every 100 ms of the fake clock: the granularity at which the tests see a retry happen.</summary>
    public TargetSenderOptions Options { get; } = new() { PollInterval = TimeSpan.FromMilliseconds(100) };

    /// <summary>The target outlives a restart of the sender, as a remote service would.</summary>
    public ThrottlingTargetStandIn Target { get; }

    public WatchedQueueStore Store { get; private set; } = null!;
    public RetryQueue Retries { get; private set; } = null!;
    public TargetSender Sender { get; private set; } = null!;
    public DeliveryCounters Counters { get; private set; } = null!;
    public QueueCatalog Queues { get; private set; } = null!;
    public QueueMessages Messages { get; private set; } = null!;

    public static async Task<SendingRig> StartAsync()
    {
        var rig = new SendingRig();
        await rig.OpenAsync();
        await rig.CreateDeadLetterQueueAsync();
        return rig;
    }

    public static TargetSend Send(TargetRetryPolicy policy) => new(
        "arn:aws:lambda:us-east-1:000000000000:function:orders", """{"order":42}""", "events.amazonaws.com", RuleArn,
        CheckResourcePolicy: true, policy, $"arn:aws:sqs:us-east-1:000000000000:{DeadLetterQueue}", MessageGroupId: null,
        new Dictionary<string, string> { ["RULE_ARN"] = RuleArn });

    /// <summary>Stops the worker (cancelling an attempt in progress), closes the store, and opens all of it again.</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    /// <summary>
    /// Moves the clock one poll interval at a time — each time once the worker's poll of the last one is over — until
    /// a poll finds a send due and settles it (delivered, dead-lettered or put back for later). Answers how far the
    /// clock moved; fails past <paramref name="limit"/>.
    /// </summary>
    public async Task<TimeSpan> AdvanceToNextRetryAsync(TimeSpan limit)
    {
        var from = Time.GetUtcNow();
        while (Time.GetUtcNow() - from < limit)
        {
            var polls = Store.Polls.Count;
            var leased = Store.LeasedItems.Count;
            var settled = Store.Settled.Count;
            Time.Advance(Options.PollInterval);
            await Store.Polls.WaitForAsync(polls + 1);
            if (Store.LeasedItems.Count > leased)
            {
                await Store.Settled.WaitForAsync(settled + 1);
                return Time.GetUtcNow() - from;
            }
        }
        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"No retry came due within {limit} of the fake clock."));
    }

    /// <summary>What the dead-letter queue holds now.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> DeadLettersAsync()
    {
        var queue = await Queues.FindAsync(DeadLetterQueue) ?? throw new InvalidOperationException("No dead-letter queue.");
        return await Messages.ReceiveAsync(queue, 10, 30, TimeSpan.Zero, CancellationToken.None);
    }

    public async Task<long> WaitingRetriesAsync() => (await Retries.CountAsync(CancellationToken.None)).Total;

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        // Pooled connections keep the files open; let them go before the directory does.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory) && _directory.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task OpenAsync()
    {
        _backend = await SqliteBackend.OpenAsync(_directory, Time);
        Queues = new QueueCatalog(_backend.Documents);
        await Queues.LoadAsync();
        Messages = new QueueMessages(Queues, _backend.Queues, Time);
        Counters = new DeliveryCounters(Time);
        Store = new WatchedQueueStore(_backend.Queues);
        Retries = new RetryQueue(Store, new AsyncOptions { NodeId = "node-1" }, Options);
        var deadLetters = new DeadLetters(Queues, Messages, _account, Counters, NullLogger<DeadLetters>.Instance);
        Sender = new TargetSender(Target, Retries, deadLetters, Counters, Options, Time, NullLogger<TargetSender>.Instance);
        _worker = new TargetRetryWorker(Retries, Target, Sender, Options, Time, NullLogger<TargetRetryWorker>.Instance);
        await _worker.StartAsync(CancellationToken.None);
        // The worker's first look, at once on start: after it, the worker waits for the clock.
        await Store.Polls.WaitForAsync(1);
    }

    private async Task CloseAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(CancellationToken.None);
            _worker.Dispose();
            _worker = null;
        }
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
            _backend = null;
        }
    }

    private async Task CreateDeadLetterQueueAsync()
    {
        var now = Time.GetUtcNow();
        await Queues.ChangeAsync(DeadLetterQueue, _ => DocumentChange.Put(new QueueRecord
        {
            Name = DeadLetterQueue,
            StoreKey = string.Create(CultureInfo.InvariantCulture, $"sqs/{DeadLetterQueue}/{now.ToUnixTimeMilliseconds()}"),
            CreatedTimestamp = now.ToUnixTimeSeconds(),
            LastModifiedTimestamp = now.ToUnixTimeSeconds(),
        }, true));
    }
}
