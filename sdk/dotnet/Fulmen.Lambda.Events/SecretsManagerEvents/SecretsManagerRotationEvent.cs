using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SecretsManagerEvents;

/// <summary>The event Secrets Manager sends a rotation function, once for each step of a rotation.</summary>
public class SecretsManagerRotationEvent
{
    /// <summary><c>createSecret</c>, <c>setSecret</c>, <c>testSecret</c> or <c>finishSecret</c>.</summary>
    [JsonPropertyName("Step")]
    public string? Step { get; set; }

    /// <summary>The secret's ARN.</summary>
    [JsonPropertyName("SecretId")]
    public string? SecretId { get; set; }

    /// <summary>The version ID of the new, <c>AWSPENDING</c> secret version.</summary>
    [JsonPropertyName("ClientRequestToken")]
    public string? ClientRequestToken { get; set; }

    /// <summary>A token to pass to the Secrets Manager API calls of the rotation (newer events only).</summary>
    [JsonPropertyName("RotationToken")]
    public string? RotationToken { get; set; }
}
