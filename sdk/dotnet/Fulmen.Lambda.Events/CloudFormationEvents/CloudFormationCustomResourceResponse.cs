using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CloudFormationEvents;

/// <summary>
/// The document a custom resource's function PUTs to the request's <c>ResponseURL</c> (at most 4096 bytes).
/// <see cref="StackId"/>, <see cref="RequestId"/> and <see cref="LogicalResourceId"/> are copied from the request.
/// </summary>
public class CloudFormationCustomResourceResponse
{
    /// <summary><c>SUCCESS</c> or <c>FAILED</c>.</summary>
    [JsonPropertyName("Status")]
    public string? Status { get; set; }

    /// <summary>Why it failed (required with <c>FAILED</c>).</summary>
    [JsonPropertyName("Reason")]
    public string? Reason { get; set; }

    /// <summary>The resource's ID; returning a different one on <c>Update</c> replaces the resource.</summary>
    [JsonPropertyName("PhysicalResourceId")]
    public string? PhysicalResourceId { get; set; }

    [JsonPropertyName("StackId")]
    public string? StackId { get; set; }

    [JsonPropertyName("RequestId")]
    public string? RequestId { get; set; }

    [JsonPropertyName("LogicalResourceId")]
    public string? LogicalResourceId { get; set; }

    /// <summary>Whether to mask <see cref="Data"/> in <c>Fn::GetAtt</c> output.</summary>
    [JsonPropertyName("NoEcho")]
    public bool? NoEcho { get; set; }

    /// <summary>Values the template reads with <c>Fn::GetAtt</c> (read back as <see cref="System.Text.Json.JsonElement"/>).</summary>
    [JsonPropertyName("Data")]
    public Dictionary<string, object>? Data { get; set; }
}
