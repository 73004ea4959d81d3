using Fulmen.Execution.Environments;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Catalog;

/// <summary>
/// What one way of naming a function resolves to on the invoke path: the unqualified name, <c>$LATEST</c>, a version
/// or an alias. Built when the function changes, so resolving a qualifier per invoke is one dictionary lookup.
/// </summary>
public sealed class QualifiedFunction
{
    /// <summary>Null for the unqualified function; else <c>$LATEST</c>, a version number or an alias name.</summary>
    public string? Qualifier { get; init; }
    /// <summary>The ARN as the caller named it (qualified unless <see cref="Qualifier"/> is null).</summary>
    public required string Arn { get; init; }
    /// <summary>The version this name runs (for an alias: its FunctionVersion).</summary>
    public required EnvironmentSpec Spec { get; init; }
    /// <summary>An alias' additional version (RoutingConfig), or null.</summary>
    public EnvironmentSpec? AdditionalSpec { get; init; }
    /// <summary>The share of invokes (0.0–1.0) that go to <see cref="AdditionalSpec"/>.</summary>
    public double AdditionalWeight { get; init; }
    /// <summary>The alias this name is, or null for the function, $LATEST and versions.</summary>
    public AliasRecord? Alias { get; init; }
    /// <summary>The published version this name is, or null.</summary>
    public FunctionVersionRecord? Version { get; init; }

    /// <summary>The version to run this time: an alias with weights picks one per invoke.</summary>
    public EnvironmentSpec Pick() =>
        AdditionalSpec is { } additional && Random.Shared.NextDouble() < AdditionalWeight ? additional : Spec;
}
