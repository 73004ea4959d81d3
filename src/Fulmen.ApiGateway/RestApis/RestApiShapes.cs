using System.Text.Json.Serialization;

namespace Fulmen.ApiGateway.RestApis;

// The apigateway (2015-07-09) wire shapes, lowerCamel as AWS's model names them. The same classes are the stored
// records: what the control plane answers is what it keeps.

public sealed class RestApiShape
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Epoch seconds, the REST-JSON protocol's default timestamp.</summary>
    public long CreatedDate { get; set; }
    public string? Version { get; set; }
    public List<string>? BinaryMediaTypes { get; set; }
    public string ApiKeySource { get; set; } = "HEADER";
    public EndpointConfigurationShape? EndpointConfiguration { get; set; }
    public bool DisableExecuteApiEndpoint { get; set; }
    public string RootResourceId { get; set; } = "";
    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class EndpointConfigurationShape
{
    public List<string>? Types { get; set; }
}

public sealed class ResourceShape
{
    public string Id { get; set; } = "";
    public string? ParentId { get; set; }
    public string? PathPart { get; set; }
    public string Path { get; set; } = "/";
    public Dictionary<string, MethodShape>? ResourceMethods { get; set; }
}

public sealed class MethodShape
{
    public string? HttpMethod { get; set; }
    public string? AuthorizationType { get; set; }
    public string? AuthorizerId { get; set; }
    public bool? ApiKeyRequired { get; set; }
    public string? OperationName { get; set; }
    public Dictionary<string, bool>? RequestParameters { get; set; }
    public Dictionary<string, string>? RequestModels { get; set; }
    public IntegrationShape? MethodIntegration { get; set; }
}

public sealed class IntegrationShape
{
    public string Type { get; set; } = "";
    /// <summary>The integration's own method (the request's <c>integrationHttpMethod</c>, on the wire <c>httpMethod</c>).</summary>
    public string? HttpMethod { get; set; }
    public string? Uri { get; set; }
    public string? ConnectionType { get; set; }
    public string? Credentials { get; set; }
    public Dictionary<string, string>? RequestParameters { get; set; }
    public Dictionary<string, string>? RequestTemplates { get; set; }
    public string? PassthroughBehavior { get; set; }
    public string? ContentHandling { get; set; }
    public int TimeoutInMillis { get; set; } = 29_000;
    public string? CacheNamespace { get; set; }
    public List<string>? CacheKeyParameters { get; set; }
}

public sealed class DeploymentShape
{
    public string Id { get; set; } = "";
    public string? Description { get; set; }
    public long CreatedDate { get; set; }
}

public sealed class StageShape
{
    public string StageName { get; set; } = "";
    public string DeploymentId { get; set; } = "";
    public string? Description { get; set; }
    public bool CacheClusterEnabled { get; set; }
    public string CacheClusterStatus { get; set; } = "NOT_AVAILABLE";
    public Dictionary<string, string>? Variables { get; set; }
    public bool TracingEnabled { get; set; }
    public long CreatedDate { get; set; }
    public long LastUpdatedDate { get; set; }
}

/// <summary>The request bodies: CreateRestApi, CreateResource, PutMethod, PutIntegration, CreateDeployment, CreateStage, Update*.</summary>
public sealed class RestApiRequest
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Version { get; set; }
    public List<string>? BinaryMediaTypes { get; set; }
    public EndpointConfigurationShape? EndpointConfiguration { get; set; }
    public bool? DisableExecuteApiEndpoint { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public string? PathPart { get; set; }
    public string? AuthorizationType { get; set; }
    public string? AuthorizerId { get; set; }
    public bool? ApiKeyRequired { get; set; }
    public string? OperationName { get; set; }
    /// <summary>Booleans for a method, strings for an integration.</summary>
    public Dictionary<string, System.Text.Json.JsonElement>? RequestParameters { get; set; }
    public Dictionary<string, string>? RequestModels { get; set; }
    public string? Type { get; set; }
    public string? HttpMethod { get; set; }
    public string? Uri { get; set; }
    public string? ConnectionType { get; set; }
    public string? Credentials { get; set; }
    public Dictionary<string, string>? RequestTemplates { get; set; }
    public string? PassthroughBehavior { get; set; }
    public string? ContentHandling { get; set; }
    public int? TimeoutInMillis { get; set; }
    public string? StageName { get; set; }
    public string? StageDescription { get; set; }
    public string? DeploymentId { get; set; }
    public Dictionary<string, string>? Variables { get; set; }
    public List<PatchOperation>? PatchOperations { get; set; }
}

public sealed class PatchOperation
{
    public string? Op { get; set; }
    public string? Path { get; set; }
    public string? Value { get; set; }
    public string? From { get; set; }
}

/// <summary>A list answer; AWS's model names the member <c>items</c> and sends it as <c>item</c>.</summary>
public sealed class ItemList<T>
{
    [JsonPropertyName("item")]
    public required List<T> Items { get; init; }
}

/// <summary>One REST API as stored: its definition, its resource tree, and each deployment's frozen copy of the tree.</summary>
public sealed class RestApiDocument
{
    public required RestApiShape Api { get; set; }
    public List<ResourceShape> Resources { get; set; } = [];
    public List<DeploymentShape> Deployments { get; set; } = [];
    /// <summary>Deployment id → the resources (with methods and integrations) as they were when it was created.</summary>
    public Dictionary<string, List<ResourceShape>> Snapshots { get; set; } = [];
    public List<StageShape> Stages { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RestApiDocument))]
[JsonSerializable(typeof(List<ResourceShape>))]
[JsonSerializable(typeof(RestApiRequest))]
[JsonSerializable(typeof(ItemList<RestApiShape>))]
[JsonSerializable(typeof(ItemList<ResourceShape>))]
[JsonSerializable(typeof(ItemList<DeploymentShape>))]
[JsonSerializable(typeof(ItemList<StageShape>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class RestApiJsonContext : JsonSerializerContext;
