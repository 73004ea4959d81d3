namespace Fulmen.Execution.Environments;

/// <summary>Everything an execution environment needs to know about the function version it runs.</summary>
public sealed record EnvironmentSpec
{
    public required string FunctionName { get; init; }
    /// <summary>The unqualified function ARN.</summary>
    public required string FunctionArn { get; init; }
    public string Version { get; init; } = "$LATEST";
    public required string Runtime { get; init; }
    public required string Handler { get; init; }
    public int MemorySize { get; init; } = 128;
    public int TimeoutSeconds { get; init; } = 3;
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    public required string CodeDirectory { get; init; }
    /// <summary>Changes whenever code or configuration changes; environments of an older revision are retired.</summary>
    public required string RevisionId { get; init; }
    public required string Region { get; init; }
    public string LogGroup => $"/aws/lambda/{FunctionName}";
}
