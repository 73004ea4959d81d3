using System.Collections.Concurrent;

namespace Fulmen.Queues.Messages;

/// <summary>
/// The latest receive of each received message in this process, so a receipt handle from an earlier receive is known
/// to be stale (a delete with it succeeds without deleting, as SQS documents). After a restart nothing is known and
/// every handle of a stored message is taken as current.
/// </summary>
internal sealed class InflightReceipts
{
    private readonly ConcurrentDictionary<(string StoreKey, long Id), int> _latest = new();

    public void Received(string storeKey, long id, int receive) => _latest[(storeKey, id)] = receive;

    public bool IsStale(ReceiptHandle handle) => _latest.TryGetValue((handle.StoreKey, handle.Id), out var latest) && latest > handle.Receive;

    public void Forget(string storeKey, long id) => _latest.TryRemove((storeKey, id), out _);

    public void ForgetQueue(string storeKey)
    {
        foreach (var key in _latest.Keys.Where(k => k.StoreKey == storeKey))
        {
            _latest.TryRemove(key, out _);
        }
    }
}
