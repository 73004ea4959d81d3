using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;

namespace Fulmen.Functions.EventSources.Polling;

/// <summary>What pollers need of the function service: running a function, and the bound its reservation sets.</summary>
public interface IMappingTarget
{
    Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken);

    /// <summary>The function's reserved concurrency now, or null when it has none (or is not known here).</summary>
    int? ReservedConcurrency(string functionName);

    /// <summary>What the server runs at once across functions (its account concurrency): no mapping scales past it.</summary>
    int AccountConcurrency => PollerScaling.Ceiling;
}

/// <summary>The Invoker and the catalog's in-memory view, as pollers see them.</summary>
public sealed class InvokerMappingTarget(Invoker invoker, FunctionCatalog catalog) : IMappingTarget
{
    public Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken) => invoker.InvokeAsync(request, cancellationToken);

    public int AccountConcurrency => catalog.Options.AccountConcurrency;

    /// <summary>
    /// From memory only: a function not held (deleted, or created on another node a moment ago) sets no bound here;
    /// the Invoker still applies its reservation.
    /// </summary>
    public int? ReservedConcurrency(string functionName)
    {
        var pending = catalog.FindAsync(functionName);
        if (pending.IsCompletedSuccessfully)
        {
            return pending.Result?.Record.ReservedConcurrency;
        }
        _ = pending.AsTask();
        return null;
    }
}
