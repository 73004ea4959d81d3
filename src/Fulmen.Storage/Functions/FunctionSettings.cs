namespace Fulmen.Storage.Functions;

/// <summary>
/// The code and configuration that a published version freezes: what $LATEST (<see cref="FunctionRecord"/>) and each
/// version (<see cref="FunctionVersionRecord"/>) have alike. Serialised flat into either document.
/// </summary>
public abstract record FunctionSettings
{
    public required string Runtime { get; init; }
    public required string Role { get; init; }
    public string Handler { get; init; } = "";
    public string Description { get; init; } = "";
    public int Timeout { get; init; } = 3;
    public int MemorySize { get; init; } = 128;
    public int EphemeralStorageSize { get; init; } = 512;
    public IReadOnlyList<string> Architectures { get; init; } = ["x86_64"];
    /// <summary>Null when the caller never set an environment; AWS then omits the member.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public required string CodeSha256 { get; init; }
    public long CodeSize { get; init; }
    public string TracingMode { get; init; } = "PassThrough";
    public string LogFormat { get; init; } = "Text";
    /// <summary>DeadLetterConfig.TargetArn (an SQS queue or SNS topic), or null.</summary>
    public string? DeadLetterTargetArn { get; init; }
}
