namespace Fulmen.Pipes.Model;

/// <summary>
/// One pipe as stored: a document of its own (collection <c>pipes</c>, id = name), so each change (settings, state,
/// tags) is one compare-and-swap mutation. The parameter members keep the request's JSON objects as text, exactly as
/// given, since DescribePipe answers them back.
/// </summary>
public sealed record PipeRecord
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public string? Description { get; init; }
    public required string Source { get; init; }
    /// <summary>SourceParameters as JSON text (FilterCriteria, SqsQueueParameters), or null.</summary>
    public string? SourceParameters { get; init; }
    public string? Enrichment { get; init; }
    public string? EnrichmentParameters { get; init; }
    public required string Target { get; init; }
    public string? TargetParameters { get; init; }
    public required string RoleArn { get; init; }
    /// <summary>RUNNING or STOPPED as asked; DELETED once DeletePipe was called.</summary>
    public required string DesiredState { get; init; }
    /// <summary>Where the pipe is; transitional states are settled by the supervisor.</summary>
    public required string CurrentState { get; init; }
    public string? StateReason { get; init; }
    /// <summary>Epoch seconds, as rest-json carries timestamps.</summary>
    public double CreationTime { get; init; }
    public double LastModifiedTime { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
