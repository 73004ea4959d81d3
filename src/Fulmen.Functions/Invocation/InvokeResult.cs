using Fulmen.Execution.Environments;
using Fulmen.Functions.Api;

namespace Fulmen.Functions.Invocation;

/// <summary>Either the function ran (<see cref="Outcome"/>) or it could not be run (<see cref="Error"/>).</summary>
public readonly record struct InvokeResult(string RequestId, InvocationOutcome? Outcome, LambdaError? Error)
{
    public static InvokeResult Failed(string requestId, LambdaError error) => new(requestId, null, error);
}
