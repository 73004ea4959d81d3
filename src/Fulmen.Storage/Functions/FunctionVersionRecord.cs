using System.Diagnostics.CodeAnalysis;

namespace Fulmen.Storage.Functions;

/// <summary>
/// A published version (PublishVersion): an immutable snapshot of the code and configuration $LATEST had then; its
/// <see cref="FunctionSettings.Description"/> is the version's own (PublishVersion's, else $LATEST's at the time).
/// Only its policy statements (kept with the function's, by qualifier) change after publishing.
/// </summary>
public sealed record FunctionVersionRecord : FunctionSettings
{
    public FunctionVersionRecord()
    {
    }

    /// <summary>A version of <paramref name="settings"/> as they are; the caller sets the version's own members.</summary>
    [SetsRequiredMembers]
    public FunctionVersionRecord(FunctionSettings settings) : base(settings)
    {
        Version = "";
        RevisionId = "";
    }

    /// <summary>"1", "2", …: never reused, even after the highest is deleted.</summary>
    public required string Version { get; init; }
    public required string RevisionId { get; init; }
    public DateTimeOffset LastModified { get; init; }
    /// <summary>$LATEST's LastModified when this version was published: how "nothing changed since" is told.</summary>
    public DateTimeOffset PublishedFrom { get; init; }
}
