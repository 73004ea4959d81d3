using System.Text.Json.Serialization;

namespace Fulmen.ApiGateway.HttpApis;

// An HTTP API with its integrations, routes and stages, stored as one document (kind "httpapi") and returned on the
// wire under apigatewayv2's lowerCamel member names. Lists are replaced, never changed in place, so a request being
// served keeps a consistent view while the control plane edits the API.

public sealed record HttpApi
{
    public required string ApiId { get; init; }
    public required string Name { get; init; }
    public string ProtocolType { get; init; } = "HTTP";
    public string? Description { get; init; }
    public required DateTimeOffset CreatedDate { get; init; }
    public List<HttpIntegration> Integrations { get; init; } = [];
    public List<HttpRoute> Routes { get; init; } = [];
    public List<HttpStage> Stages { get; init; } = [];
}

public sealed record HttpIntegration
{
    public required string IntegrationId { get; init; }
    public required string IntegrationType { get; init; }
    public string? IntegrationUri { get; init; }
    public string? IntegrationMethod { get; init; }
    public required string PayloadFormatVersion { get; init; }
    public int TimeoutInMillis { get; init; } = 30000;
    public bool ApiGatewayManaged { get; init; }
}

public sealed record HttpRoute
{
    public required string RouteId { get; init; }
    public required string RouteKey { get; init; }
    public string? Target { get; init; }
    public string AuthorizationType { get; init; } = "NONE";
    public bool ApiGatewayManaged { get; init; }
}

public sealed record HttpStage
{
    public required string StageName { get; init; }
    public bool AutoDeploy { get; init; }
    public string? Description { get; init; }
    public required DateTimeOffset CreatedDate { get; init; }
    public required DateTimeOffset LastUpdatedDate { get; init; }
    public Dictionary<string, string> StageVariables { get; init; } = [];
    public bool ApiGatewayManaged { get; init; }
}

// Request bodies of the create operations.

public sealed class CreateApiRequest
{
    public string? Name { get; set; }
    public string? ProtocolType { get; set; }
    public string? Description { get; set; }
    /// <summary>Quick create: a Lambda ARN (or HTTP URL) for a <c>$default</c> route, integration and auto-deploy stage.</summary>
    public string? Target { get; set; }
    public string? RouteKey { get; set; }
    public string? CredentialsArn { get; set; }
}

public sealed class CreateIntegrationRequest
{
    public string? IntegrationType { get; set; }
    public string? IntegrationUri { get; set; }
    public string? IntegrationMethod { get; set; }
    public string? PayloadFormatVersion { get; set; }
    public int? TimeoutInMillis { get; set; }
}

public sealed class CreateRouteRequest
{
    public string? RouteKey { get; set; }
    public string? Target { get; set; }
    public string? AuthorizationType { get; set; }
}

public sealed class CreateStageRequest
{
    public string? StageName { get; set; }
    public bool? AutoDeploy { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string>? StageVariables { get; set; }
}

// What the API answers.

public sealed class ApiShape
{
    public required string ApiId { get; init; }
    public required string ApiEndpoint { get; init; }
    public string ApiKeySelectionExpression { get; init; } = "$request.header.x-api-key";
    public required DateTimeOffset CreatedDate { get; init; }
    public string? Description { get; init; }
    public bool DisableExecuteApiEndpoint { get; init; }
    public required string Name { get; init; }
    public required string ProtocolType { get; init; }
    public string RouteSelectionExpression { get; init; } = "$request.method $request.path";
    public Dictionary<string, string> Tags { get; init; } = [];
}

public sealed class IntegrationShape
{
    public required string IntegrationId { get; init; }
    public required string IntegrationType { get; init; }
    public string? IntegrationUri { get; init; }
    public string? IntegrationMethod { get; init; }
    public required string PayloadFormatVersion { get; init; }
    public int TimeoutInMillis { get; init; }
    public string ConnectionType { get; init; } = "INTERNET";
    public bool? ApiGatewayManaged { get; init; }
}

public sealed class StageShape
{
    public required string StageName { get; init; }
    public bool AutoDeploy { get; init; }
    public string? Description { get; init; }
    public required DateTimeOffset CreatedDate { get; init; }
    public required DateTimeOffset LastUpdatedDate { get; init; }
    public Dictionary<string, string> StageVariables { get; init; } = [];
    public Dictionary<string, string> Tags { get; init; } = [];
    public bool? ApiGatewayManaged { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApi))]
[JsonSerializable(typeof(CreateApiRequest))]
[JsonSerializable(typeof(CreateIntegrationRequest))]
[JsonSerializable(typeof(CreateRouteRequest))]
[JsonSerializable(typeof(CreateStageRequest))]
[JsonSerializable(typeof(ApiShape))]
[JsonSerializable(typeof(IntegrationShape))]
[JsonSerializable(typeof(HttpRoute))]
[JsonSerializable(typeof(StageShape))]
[JsonSerializable(typeof(ItemsOf<ApiShape>))]
[JsonSerializable(typeof(ItemsOf<IntegrationShape>))]
[JsonSerializable(typeof(ItemsOf<HttpRoute>))]
[JsonSerializable(typeof(ItemsOf<StageShape>))]
internal sealed partial class HttpApiJsonContext : JsonSerializerContext;

/// <summary>The answer of the list operations: <c>{"items":[…]}</c>.</summary>
public sealed class ItemsOf<T>
{
    public required List<T> Items { get; init; }
}
