namespace Fulmen.Functions.Api;

// Event source mappings as AWS's Lambda API names their members (EventSourceMappingConfiguration and requests).

public sealed class FilterShape
{
    public string? Pattern { get; set; }
}

public sealed class FilterCriteriaShape
{
    public List<FilterShape>? Filters { get; set; }
}

public sealed class ScalingConfigShape
{
    public int? MaximumConcurrency { get; set; }
}

/// <summary>The body of CreateEventSourceMapping and UpdateEventSourceMapping (Update ignores EventSourceArn and Tags).</summary>
public sealed class EventSourceMappingRequest
{
    public string? EventSourceArn { get; set; }
    public string? FunctionName { get; set; }
    public bool? Enabled { get; set; }
    public int? BatchSize { get; set; }
    public int? MaximumBatchingWindowInSeconds { get; set; }
    public FilterCriteriaShape? FilterCriteria { get; set; }
    public List<string>? FunctionResponseTypes { get; set; }
    public ScalingConfigShape? ScalingConfig { get; set; }
    /// <summary>Not allowed for SQS sources; read only to refuse it with AWS's message.</summary>
    public DestinationConfigShape? DestinationConfig { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class EventSourceMappingConfiguration
{
    public required string UUID { get; init; }
    public int BatchSize { get; init; }
    public int MaximumBatchingWindowInSeconds { get; init; }
    public required string EventSourceArn { get; init; }
    public FilterCriteriaShape? FilterCriteria { get; init; }
    public required string FunctionArn { get; init; }
    /// <summary>Epoch seconds with a fraction: a JSON number, as AWS writes it for mappings.</summary>
    public double LastModified { get; init; }
    public string? LastProcessingResult { get; init; }
    public required string State { get; init; }
    public required string StateTransitionReason { get; init; }
    public required List<string> FunctionResponseTypes { get; init; }
    public ScalingConfigShape? ScalingConfig { get; init; }
    public required string EventSourceMappingArn { get; init; }
}

public sealed class ListEventSourceMappingsResponse
{
    public string? NextMarker { get; init; }
    public required List<EventSourceMappingConfiguration> EventSourceMappings { get; init; }
}
