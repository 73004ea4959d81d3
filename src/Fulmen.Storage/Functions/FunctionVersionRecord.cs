namespace Fulmen.Storage.Functions;

/// <summary>
/// A published version (PublishVersion): an immutable snapshot of the code and configuration $LATEST had then.
/// Only its policy statements (kept with the function's, by qualifier) change after publishing.
/// </summary>
public sealed record FunctionVersionRecord
{
    /// <summary>"1", "2", …: never reused, even after the highest is deleted.</summary>
    public required string Version { get; init; }
    public required string Runtime { get; init; }
    public required string Role { get; init; }
    public string Handler { get; init; } = "";
    /// <summary>The version's own description (PublishVersion's, else $LATEST's at the time).</summary>
    public string Description { get; init; } = "";
    public int Timeout { get; init; } = 3;
    public int MemorySize { get; init; } = 128;
    public int EphemeralStorageSize { get; init; } = 512;
    public IReadOnlyList<string> Architectures { get; init; } = ["x86_64"];
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public required string CodeSha256 { get; init; }
    public long CodeSize { get; init; }
    public string TracingMode { get; init; } = "PassThrough";
    public string LogFormat { get; init; } = "Text";
    public string? DeadLetterTargetArn { get; init; }
    public required string RevisionId { get; init; }
    public DateTimeOffset LastModified { get; init; }
    /// <summary>$LATEST's LastModified when this version was published: how "nothing changed since" is told.</summary>
    public DateTimeOffset PublishedFrom { get; init; }
}
