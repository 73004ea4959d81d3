using System.Text.Json.Serialization;

namespace Fulmen.Functions.Api;

public sealed class AliasRoutingConfigurationShape
{
    public Dictionary<string, double>? AdditionalVersionWeights { get; set; }
}

/// <summary>CreateAlias and UpdateAlias bodies.</summary>
public sealed class AliasRequest
{
    public string? Name { get; set; }
    public string? FunctionVersion { get; set; }
    public string? Description { get; set; }
    public AliasRoutingConfigurationShape? RoutingConfig { get; set; }
    public string? RevisionId { get; set; }
}

public sealed class AliasConfigurationShape
{
    public required string AliasArn { get; init; }
    public required string Name { get; init; }
    public required string FunctionVersion { get; init; }
    public required string Description { get; init; }
    public AliasRoutingConfigurationShape? RoutingConfig { get; init; }
    public required string RevisionId { get; init; }
}

public sealed class ListAliasesResponse
{
    public required List<AliasConfigurationShape> Aliases { get; init; }
    public string? NextMarker { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AliasRequest))]
[JsonSerializable(typeof(AliasConfigurationShape))]
[JsonSerializable(typeof(ListAliasesResponse))]
internal sealed partial class AliasJsonContext : JsonSerializerContext;
