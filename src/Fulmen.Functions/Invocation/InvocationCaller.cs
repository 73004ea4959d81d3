namespace Fulmen.Functions.Invocation;

/// <summary>
/// Who asks for an invocation, when it is not the account itself calling the Lambda API: a service acting
/// for a trigger (<c>apigateway.amazonaws.com</c> with the API's ARN as source), or the anonymous public
/// behind a function URL (<c>*</c>). The function's resource-based policy must allow it.
/// </summary>
public sealed record InvocationCaller(string Principal, string Action)
{
    public const string InvokeFunction = "lambda:InvokeFunction";
    public const string InvokeFunctionUrl = "lambda:InvokeFunctionUrl";

    /// <summary>The resource that caused the call (<c>aws:SourceArn</c>), e.g. an API's execute-api ARN.</summary>
    public string? SourceArn { get; init; }
    /// <summary>The account that owns the source (<c>aws:SourceAccount</c>).</summary>
    public string? SourceAccount { get; init; }
    /// <summary>The URL's AuthType, for calls through a function URL (<c>lambda:FunctionUrlAuthType</c>).</summary>
    public string? FunctionUrlAuthType { get; init; }
}
