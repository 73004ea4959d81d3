namespace Fulmen.Bench.Async;

/// <summary>The event every asynchronous benchmark enqueues: a small JSON document, about 100 bytes.</summary>
internal static class EventPayload
{
    public static readonly byte[] Bytes =
        """{"orderId":"8f14e45f-ceea-467f-a0e6-1b0a9b5c3d2e","customer":"c-10423","amount":1999,"currency":"EUR"}"""u8.ToArray();

    /// <summary>What the server keeps beside an accepted event (its state), about as large as the real one.</summary>
    public static readonly byte[] Attributes =
        """{"RequestId":"0f3c6a8e-5d2b-4c1e-9a7f-2b8d4e6f1a3c","FunctionName":"bench","Qualifier":"$LATEST","DueAt":"2026-12-06T00:00:00+00:00","InvokeCount":0,"Retries":0}"""u8.ToArray();
}
