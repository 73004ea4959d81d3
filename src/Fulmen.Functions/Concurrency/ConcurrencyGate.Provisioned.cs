using System.Collections.Concurrent;

namespace Fulmen.Functions.Concurrency;

/// <summary>
/// Provisioned concurrency of functions without a reservation: as on AWS it is claimed from the account, so on-demand
/// invocations of every unreserved function share what is left; the function's own invocations up to its provisioned
/// count use that claim, and only the ones beyond it take a slot from the shared pool.
/// </summary>
public sealed partial class ConcurrencyGate
{
    private readonly ConcurrentDictionary<string, ProvisionedSlots> _provisioned = new(StringComparer.Ordinal);
    private readonly Lock _provisionedChanges = new();
    private int _provisionedFunctions;
    private int _provisionedUnreservedTotal;

    /// <summary>Provisioned concurrency claimed by functions without a reservation.</summary>
    public int ProvisionedUnreservedTotal => Volatile.Read(ref _provisionedUnreservedTotal);

    /// <summary>What on-demand invocations of unreserved functions may use: the unreserved pool less provisioned claims.</summary>
    public int OnDemandLimit => UnreservedLimit - ProvisionedUnreservedTotal;

    /// <summary>
    /// Records a function's total provisioned concurrency (0: none) as loaded or changed. A function with a reservation
    /// keeps it within that reservation and claims nothing more.
    /// </summary>
    public void SetProvisioned(string functionName, int total, bool reserved)
    {
        var claim = reserved ? 0 : total;
        lock (_provisionedChanges)
        {
            if (!_provisioned.TryGetValue(functionName, out var slots))
            {
                if (claim == 0)
                {
                    return;
                }
                // Slots are never removed: an invocation in flight exits through the same ones it entered by.
                slots = _provisioned.GetOrAdd(functionName, static _ => new ProvisionedSlots());
                Interlocked.Increment(ref _provisionedFunctions);
            }
            Interlocked.Add(ref _provisionedUnreservedTotal, claim - slots.Limit);
            Volatile.Write(ref slots.Limit, claim);
        }
    }

    private bool TryTakeOnDemand()
    {
        if (Interlocked.Increment(ref _unreservedInFlight) > OnDemandLimit)
        {
            Interlocked.Decrement(ref _unreservedInFlight);
            return false;
        }
        return true;
    }

    private bool TryEnterProvisioned(ProvisionedSlots slots)
    {
        if (Interlocked.Increment(ref slots.InFlight) <= Volatile.Read(ref slots.Limit))
        {
            return true;
        }
        if (!TryTakeOnDemand())
        {
            Interlocked.Decrement(ref slots.InFlight);
            return false;
        }
        Interlocked.Increment(ref slots.OnDemand);
        return true;
    }

    /// <summary>Gives back an on-demand slot while the function holds any, so the shared pool gets back exactly what was taken.</summary>
    private void ExitProvisioned(ProvisionedSlots slots)
    {
        var held = Volatile.Read(ref slots.OnDemand);
        while (held > 0)
        {
            var seen = Interlocked.CompareExchange(ref slots.OnDemand, held - 1, held);
            if (seen == held)
            {
                Interlocked.Decrement(ref _unreservedInFlight);
                break;
            }
            held = seen;
        }
        if (Interlocked.Decrement(ref slots.InFlight) < 0)
        {
            // It entered before the function had provisioned concurrency, so it holds an on-demand slot.
            Interlocked.Increment(ref slots.InFlight);
            Interlocked.Decrement(ref _unreservedInFlight);
        }
    }

    private sealed class ProvisionedSlots
    {
        public int Limit;
        public int InFlight;
        public int OnDemand;
    }
}
