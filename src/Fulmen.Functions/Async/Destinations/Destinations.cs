namespace Fulmen.Functions.Async.Destinations;

/// <summary>All destination kinds and dead-letter queue kinds this server can deliver to, chosen by ARN.</summary>
public sealed class Destinations(IEnumerable<IDestination> kinds, IEnumerable<IDeadLetterQueue> deadLetterQueues)
{
    private readonly IDestination[] _kinds = [.. kinds];
    private readonly IDeadLetterQueue[] _deadLetterQueues = [.. deadLetterQueues];

    /// <summary>The dead-letter queue kind for an ARN, or null when Fulmen cannot deliver there.</summary>
    public IDeadLetterQueue? FindDeadLetterQueue(string arn) => Array.Find(_deadLetterQueues, kind => kind.Handles(arn));

    /// <summary>The destination kind for an ARN, or null when Fulmen cannot deliver there (yet).</summary>
    public IDestination? Find(string arn) => Array.Find(_kinds, kind => kind.Handles(arn));

    /// <summary>True when the ARN names a target that exists and that Fulmen can deliver to.</summary>
    public async ValueTask<bool> IsDeliverableAsync(string arn, CancellationToken cancellationToken) =>
        Find(arn) is { } kind && await kind.ExistsAsync(arn, cancellationToken);
}
