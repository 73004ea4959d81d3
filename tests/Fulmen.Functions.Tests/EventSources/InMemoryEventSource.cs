using Fulmen.Functions.EventSources;
using System.Threading.Channels;

namespace Fulmen.Functions.Tests.EventSources;

/// <summary>
/// A queue in memory, written for these tests (the real queue service plugs in through the same interface): records
/// become invisible when received, deleted when acknowledged, visible again when returned. Receives wait on the
/// queue's own signal, never on a clock.
/// </summary>
internal sealed class InMemoryEventSource(TimeProvider time, TimeSpan? visibilityTimeout = null) : IEventSource
{
    private readonly Channel<TimeSpan> _waiting = Channel.CreateUnbounded<TimeSpan>();

    private readonly Lock _lock = new();
    private readonly List<SourceRecord> _visible = [];
    private readonly Dictionary<string, SourceRecord> _inFlight = new(StringComparer.Ordinal);
    private readonly Channel<bool> _arrivals = Channel.CreateUnbounded<bool>();
    private int _receipts;

    public List<string> Deleted { get; } = [];
    public List<(string Id, TimeSpan Delay)> Returned { get; } = [];
    public List<TimeSpan> Waits { get; } = [];
    public bool Disposed { get; private set; }

    public int InFlight { get { lock (_lock) { return _inFlight.Count; } } }
    public int Visible { get { lock (_lock) { return _visible.Count; } } }

    public void Send(string id, string body)
    {
        lock (_lock)
        {
            _visible.Add(new SourceRecord
            {
                Id = id, ReceiptHandle = "", Body = body, Md5OfBody = Md5(body),
                Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "0", ["SentTimestamp"] = "1716560900111", ["SenderId"] = "AIDAEXAMPLE", ["ApproximateFirstReceiveTimestamp"] = "1716560900150" },
            });
        }
        _arrivals.Writer.TryWrite(true);
    }

    public async ValueTask<IReadOnlyList<SourceRecord>> ReceiveAsync(int maxRecords, TimeSpan wait, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Waits.Add(wait);
        }
        var until = time.GetUtcNow() + wait;
        while (true)
        {
            lock (_lock)
            {
                if (_visible.Count > 0)
                {
                    var taken = _visible.Take(Math.Min(maxRecords, 10)).ToList();
                    _visible.RemoveRange(0, taken.Count);
                    return [.. taken.Select(Receive)];
                }
            }
            // Empty: wait for an arrival or the end of the wait (on the test's clock), like a long poll.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return [];
            }
            var timeout = Task.Delay(left, time, stop.Token);
            var arrival = _arrivals.Reader.ReadAsync(stop.Token).AsTask();
            _waiting.Writer.TryWrite(left);
            var first = await Task.WhenAny(timeout, arrival);
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (first == timeout)
            {
                lock (_lock)
                {
                    if (_visible.Count == 0)
                    {
                        return [];
                    }
                }
            }
        }
    }

    /// <summary>Completes when a receive found the queue empty and started waiting (how long it will wait).</summary>
    public ValueTask<TimeSpan> WaitingAsync(CancellationToken cancellationToken) => _waiting.Reader.ReadAsync(cancellationToken);

    private SourceRecord Receive(SourceRecord record)
    {
        var count = int.Parse(record.Attributes["ApproximateReceiveCount"], System.Globalization.CultureInfo.InvariantCulture) + 1;
        var received = record with
        {
            ReceiptHandle = $"rh-{++_receipts}",
            Attributes = new Dictionary<string, string>(record.Attributes) { ["ApproximateReceiveCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        _inFlight[record.Id] = received;
        return received;
    }

    public ValueTask AcknowledgeAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var record in records)
            {
                _inFlight.Remove(record.Id);
                Deleted.Add(record.Id);
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ReturnAsync(IReadOnlyList<SourceRecord> records, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var record in records)
            {
                _inFlight.Remove(record.Id);
                Returned.Add((record.Id, delay));
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>What the visibility timeout does in a real queue: records not deleted come back.</summary>
    public void ExpireVisibility()
    {
        lock (_lock)
        {
            _visible.AddRange(_inFlight.Values);
            _inFlight.Clear();
        }
        _arrivals.Writer.TryWrite(true);
    }

    public ValueTask<SourceAttributes> GetAttributesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SourceAttributes(visibilityTimeout ?? TimeSpan.FromSeconds(30)));

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private static string Md5(string body) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
}
