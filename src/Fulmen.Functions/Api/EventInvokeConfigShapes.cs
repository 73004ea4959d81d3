namespace Fulmen.Functions.Api;

// FunctionEventInvokeConfig (asynchronous invocation settings) as AWS's Lambda API names its members.

public sealed class DestinationShape
{
    /// <summary>Null shows as <c>{}</c>: AWS writes an unset destination as an empty object.</summary>
    public string? Destination { get; set; }
}

public sealed class DestinationConfigShape
{
    public DestinationShape? OnSuccess { get; set; }
    public DestinationShape? OnFailure { get; set; }
}

/// <summary>The body of PutFunctionEventInvokeConfig and UpdateFunctionEventInvokeConfig.</summary>
public sealed class EventInvokeConfigRequest
{
    public int? MaximumRetryAttempts { get; set; }
    public int? MaximumEventAgeInSeconds { get; set; }
    public DestinationConfigShape? DestinationConfig { get; set; }
}

public sealed class FunctionEventInvokeConfig
{
    /// <summary>Epoch seconds with a fraction: a JSON number here, unlike FunctionConfiguration's string.</summary>
    public double LastModified { get; init; }
    /// <summary>Always qualified (<c>:$LATEST</c> when the caller gave no qualifier).</summary>
    public required string FunctionArn { get; init; }
    public int? MaximumRetryAttempts { get; init; }
    public int? MaximumEventAgeInSeconds { get; init; }
    public required DestinationConfigShape DestinationConfig { get; init; }
}

public sealed class ListFunctionEventInvokeConfigsResponse
{
    public required List<FunctionEventInvokeConfig> FunctionEventInvokeConfigs { get; init; }
    public string? NextMarker { get; init; }
}
