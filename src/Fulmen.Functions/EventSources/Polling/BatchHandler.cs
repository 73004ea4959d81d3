using Fulmen.Functions.Invocation;

namespace Fulmen.Functions.EventSources.Polling;

/// <summary>
/// The step of a poller that hands a collected (and filtered) batch over. A mapping's is "invoke the function with
/// the source's event"; another owner of a poller (an EventBridge pipe: enrichment, then its target) supplies its own.
/// The result is judged by <see cref="BatchVerdict"/> as a function's would be: a result with an error or a function
/// error keeps the whole batch in the source, a 429 error backs off, anything else deletes the batch.
/// </summary>
public delegate Task<InvokeResult> BatchHandler(CollectedBatch batch, CancellationToken cancellationToken);
