namespace Fulmen.Bench.Async;

/// <summary>The event every asynchronous benchmark enqueues: a small JSON document, about 100 bytes.</summary>
internal static class EventPayload
{
    public static readonly byte[] Bytes =
        """{"orderId":"8f14e45f-ceea-467f-a0e6-1b0a9b5c3d2e","customer":"c-10423","amount":1999,"currency":"EUR"}"""u8.ToArray();

    /// <summary>A new event for the <c>bench</c> function, as the queue's front makes one, with an id from <paramref name="store"/>.</summary>
    public static Fulmen.Storage.Async.AsyncEvent NewEvent(Fulmen.Storage.Async.IAsyncEventStore store)
    {
        var now = DateTimeOffset.UtcNow;
        return new Fulmen.Storage.Async.AsyncEvent
        {
            Id = store.NextId(),
            RequestId = Guid.NewGuid().ToString(),
            FunctionName = "bench",
            Qualifier = "$LATEST",
            EnqueuedAt = now,
            DueAt = now,
        };
    }
}
