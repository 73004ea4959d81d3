using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CloudFormationEvents;

/// <summary>
/// The request CloudFormation sends to a custom resource's function. The function answers by HTTP PUT of a
/// <see cref="CloudFormationCustomResourceResponse"/> to <see cref="ResponseURL"/>; what it returns is ignored.
/// </summary>
public class CloudFormationCustomResourceRequest
{
    /// <summary><c>Create</c>, <c>Update</c> or <c>Delete</c>.</summary>
    [JsonPropertyName("RequestType")]
    public string? RequestType { get; set; }

    /// <summary>The function's ARN, as the template's <c>ServiceToken</c> gives it.</summary>
    [JsonPropertyName("ServiceToken")]
    public string? ServiceToken { get; set; }

    /// <summary>The presigned S3 URL to PUT the response to.</summary>
    [JsonPropertyName("ResponseURL")]
    public string? ResponseURL { get; set; }

    [JsonPropertyName("StackId")]
    public string? StackId { get; set; }

    [JsonPropertyName("RequestId")]
    public string? RequestId { get; set; }

    [JsonPropertyName("LogicalResourceId")]
    public string? LogicalResourceId { get; set; }

    /// <summary>The resource's physical ID, as the function returned it (<c>Update</c> and <c>Delete</c> only).</summary>
    [JsonPropertyName("PhysicalResourceId")]
    public string? PhysicalResourceId { get; set; }

    /// <summary>The template's resource type, e.g. <c>Custom::TenantConfig</c>.</summary>
    [JsonPropertyName("ResourceType")]
    public string? ResourceType { get; set; }

    /// <summary>The template's <c>Properties</c>, <c>ServiceToken</c> included; scalar values arrive as strings.</summary>
    [JsonPropertyName("ResourceProperties")]
    public Dictionary<string, JsonElement>? ResourceProperties { get; set; }

    /// <summary>The properties before the update (<c>Update</c> only).</summary>
    [JsonPropertyName("OldResourceProperties")]
    public Dictionary<string, JsonElement>? OldResourceProperties { get; set; }
}
