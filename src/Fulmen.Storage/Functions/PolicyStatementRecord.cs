namespace Fulmen.Storage.Functions;

/// <summary>
/// One statement of a function's resource-based policy, as AddPermission received it. The JSON statement
/// AWS shows (Principal, Condition, Resource) is rendered from these members.
/// </summary>
public sealed record PolicyStatementRecord
{
    public required string Sid { get; init; }
    /// <summary><c>lambda:InvokeFunction</c>, <c>lambda:InvokeFunctionUrl</c>, <c>lambda:*</c>, <c>*</c>, …</summary>
    public required string Action { get; init; }
    /// <summary>As given: <c>*</c>, a service (<c>s3.amazonaws.com</c>), a 12-digit account or an IAM ARN.</summary>
    public required string Principal { get; init; }
    /// <summary>Null for the unqualified function; a version or alias name otherwise.</summary>
    public string? Qualifier { get; init; }
    public string? SourceArn { get; init; }
    public string? SourceAccount { get; init; }
    public string? PrincipalOrgId { get; init; }
    public string? EventSourceToken { get; init; }
    /// <summary><c>NONE</c> or <c>AWS_IAM</c> (condition <c>lambda:FunctionUrlAuthType</c>).</summary>
    public string? FunctionUrlAuthType { get; init; }
}
