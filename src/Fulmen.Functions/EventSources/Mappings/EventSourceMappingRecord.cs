namespace Fulmen.Functions.EventSources.Mappings;

/// <summary>
/// One event source mapping as stored: a document of its own (collection <c>event-source-mappings</c>, id = UUID),
/// so each change — settings, state, last result, tags — is one compare-and-swap mutation of that document.
/// </summary>
public sealed record EventSourceMappingRecord
{
    public required string Uuid { get; init; }
    public required string EventSourceArn { get; init; }
    /// <summary>The function's name (never an ARN); with <see cref="Qualifier"/> it names what runs.</summary>
    public required string FunctionName { get; init; }
    /// <summary>The version or alias the caller named, or null for the unqualified function.</summary>
    public string? Qualifier { get; init; }
    public int BatchSize { get; init; }
    public int MaximumBatchingWindowInSeconds { get; init; }
    /// <summary>The filters' patterns as given (JSON in strings); null when no FilterCriteria was given (the response omits it).</summary>
    public IReadOnlyList<string>? FilterPatterns { get; init; }
    public IReadOnlyList<string> FunctionResponseTypes { get; init; } = [];
    public int? MaximumConcurrency { get; init; }
    /// <summary>What the user asked for; <see cref="State"/> follows it asynchronously.</summary>
    public bool Enabled { get; init; } = true;
    public required string State { get; init; }
    public string StateTransitionReason { get; init; } = MappingStates.UserInitiated;
    public string? LastProcessingResult { get; init; }
    public DateTimeOffset LastModified { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public bool ReportsBatchItemFailures => FunctionResponseTypes.Contains("ReportBatchItemFailures");
}
