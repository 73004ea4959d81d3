using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.RuntimeApi;

/// <summary>
/// Hands out Runtime API listeners, keeping one started ahead of need: starting a Kestrel listener takes
/// one to two milliseconds, which a cold start should not wait for.
/// </summary>
public sealed class RuntimeApiListeners(ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private Task<RuntimeApiServer>? _spare;
    private volatile bool _disposed;

    public async Task<RuntimeApiServer> RentAsync(IRuntimeApiTarget target, CancellationToken cancellationToken)
    {
        var taken = Interlocked.Exchange(ref _spare, null);
        ReplenishSpare();
        var listener = (taken is null ? null : await TryAwaitAsync(taken))
            ?? await RuntimeApiServer.StartAsync(loggerFactory, cancellationToken);
        listener.Attach(target);
        return listener;
    }

    private void ReplenishSpare()
    {
        if (_disposed)
        {
            return;
        }
        var next = RuntimeApiServer.StartAsync(loggerFactory, CancellationToken.None);
        if (Interlocked.CompareExchange(ref _spare, next, null) is not null)
        {
            // Another cold start replenished first; one spare is enough.
            _ = next.ContinueWith(static t => t.Result.DisposeAsync().AsTask(), TaskContinuationOptions.OnlyOnRanToCompletion).Unwrap();
        }
    }

    private static async Task<RuntimeApiServer?> TryAwaitAsync(Task<RuntimeApiServer> spare)
    {
        try
        {
            return await spare;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (Interlocked.Exchange(ref _spare, null) is { } spare && await TryAwaitAsync(spare) is { } listener)
        {
            await listener.DisposeAsync();
        }
    }
}
