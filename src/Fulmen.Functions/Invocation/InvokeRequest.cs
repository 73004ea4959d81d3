namespace Fulmen.Functions.Invocation;

/// <summary>A request to run a function, from any source: the API, a trigger, a mapping, the console.</summary>
public sealed record InvokeRequest(string FunctionName, ReadOnlyMemory<byte> Payload)
{
    public string? Qualifier { get; init; }
    public string? ClientContext { get; init; }
    public bool WantsLogTail { get; init; }
    /// <summary>Set when the event already has one: every attempt of an asynchronous event keeps its id.</summary>
    public string? RequestId { get; init; }
    /// <summary>Null when the account calls the Lambda API itself; otherwise the policy must allow this caller.</summary>
    public InvocationCaller? Caller { get; init; }
}
