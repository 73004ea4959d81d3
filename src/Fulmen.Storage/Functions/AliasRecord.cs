namespace Fulmen.Storage.Functions;

/// <summary>An alias (CreateAlias): a name that points at a version, optionally sharing invokes with one more.</summary>
public sealed record AliasRecord
{
    public required string Name { get; init; }
    /// <summary>A published version number or <c>$LATEST</c>.</summary>
    public required string FunctionVersion { get; init; }
    public string Description { get; init; } = "";
    /// <summary>RoutingConfig.AdditionalVersionWeights: at most one other version and the share (0.0–1.0) of invokes it gets.</summary>
    public IReadOnlyDictionary<string, double>? AdditionalVersionWeights { get; init; }
    public required string RevisionId { get; init; }
}
