using System.Collections.Frozen;
using Fulmen.Execution.Environments;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Catalog;

/// <summary>
/// A function as the invoke path needs it: the record, its unqualified ARN, the spec $LATEST's environments run, and
/// every qualifier ($LATEST, versions, aliases) resolved in advance.
/// </summary>
public sealed record FunctionEntry(FunctionRecord Record, string Arn, EnvironmentSpec Spec)
{
    /// <summary>The function named without a qualifier (runs $LATEST).</summary>
    public required QualifiedFunction Unqualified { get; init; }

    /// <summary>By qualifier: <c>$LATEST</c>, each published version, each alias.</summary>
    public required FrozenDictionary<string, QualifiedFunction> Qualifiers { get; init; }

    /// <summary>Each version's spec by version (<c>$LATEST</c>, "1", …): whose environments live.</summary>
    public required FrozenDictionary<string, EnvironmentSpec> VersionSpecs { get; init; }

    /// <summary>The function, version or alias a qualifier (null: none) names, or null when it does not exist.</summary>
    public QualifiedFunction? Find(string? qualifier) =>
        qualifier is null ? Unqualified : Qualifiers.GetValueOrDefault(qualifier);
}
