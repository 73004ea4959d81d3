using System.Collections.Concurrent;

namespace Fulmen.Functions.Concurrency;

/// <summary>
/// Counts invocations in flight. A function with reserved concurrency has its own limit; the others
/// share what the account limit leaves after all reservations and their provisioned concurrency, as on AWS.
/// </summary>
public sealed partial class ConcurrencyGate(LambdaOptions options)
{
    private readonly ConcurrentDictionary<string, StrongBox> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reserved = new(StringComparer.Ordinal);
    private int _unreservedInFlight;
    private int _reservedTotal;

    public int ReservedTotal => Volatile.Read(ref _reservedTotal);

    public int UnreservedLimit => options.AccountConcurrency - ReservedTotal;

    /// <summary>Records a function's reservation (null removes it), as loaded or changed.</summary>
    public void SetReservation(string functionName, int? reserved)
    {
        if (reserved is { } value)
        {
            _reserved[functionName] = value;
        }
        else
        {
            _reserved.TryRemove(functionName, out _);
        }
        Volatile.Write(ref _reservedTotal, _reserved.Values.Sum());
    }

    /// <summary>The function's reserved concurrency, or null when it shares the unreserved pool.</summary>
    public int? ReservedFor(string functionName) => _reserved.TryGetValue(functionName, out var value) ? value : null;

    /// <summary>Takes a slot, or says which limit was hit (AWS's <c>Reason</c>).</summary>
    public bool TryEnter(string functionName, int? reserved, out string? throttleReason)
    {
        if (reserved is { } limit)
        {
            var counter = _inFlight.GetOrAdd(functionName, static _ => new StrongBox());
            if (Interlocked.Increment(ref counter.Value) > limit)
            {
                Interlocked.Decrement(ref counter.Value);
                throttleReason = "ReservedFunctionConcurrentInvocationLimitExceeded";
                return false;
            }
        }
        else if (Volatile.Read(ref _provisionedFunctions) != 0 && _provisioned.TryGetValue(functionName, out var provisioned))
        {
            if (!TryEnterProvisioned(provisioned))
            {
                throttleReason = "ConcurrentInvocationLimitExceeded";
                return false;
            }
        }
        else if (!TryTakeOnDemand())
        {
            throttleReason = "ConcurrentInvocationLimitExceeded";
            return false;
        }
        throttleReason = null;
        return true;
    }

    public void Exit(string functionName, int? reserved)
    {
        if (reserved is not null)
        {
            Interlocked.Decrement(ref _inFlight[functionName].Value);
        }
        else if (Volatile.Read(ref _provisionedFunctions) != 0 && _provisioned.TryGetValue(functionName, out var provisioned))
        {
            ExitProvisioned(provisioned);
        }
        else
        {
            Interlocked.Decrement(ref _unreservedInFlight);
        }
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}
