using System.Text.Json.Serialization;

namespace Fulmen.Functions.Api;

// Request and response members exactly as AWS's Lambda API names them (PascalCase on the wire).

public sealed class FunctionCodeShape
{
    public byte[]? ZipFile { get; set; }
    public string? S3Bucket { get; set; }
    public string? S3Key { get; set; }
    public string? S3ObjectVersion { get; set; }
    public string? ImageUri { get; set; }
}

public sealed class EnvironmentShape
{
    public Dictionary<string, string>? Variables { get; set; }
}

public sealed class EphemeralStorageShape
{
    public int? Size { get; set; }
}

public sealed class TracingConfigShape
{
    public string? Mode { get; set; }
}

public sealed class DeadLetterConfigShape
{
    public string? TargetArn { get; set; }
}

public sealed class LoggingConfigShape
{
    public string? LogFormat { get; set; }
    public string? ApplicationLogLevel { get; set; }
    public string? SystemLogLevel { get; set; }
    public string? LogGroup { get; set; }
}

public sealed class CreateFunctionRequest
{
    public string? FunctionName { get; set; }
    public string? Runtime { get; set; }
    public string? Role { get; set; }
    public string? Handler { get; set; }
    public FunctionCodeShape? Code { get; set; }
    public string? Description { get; set; }
    public int? Timeout { get; set; }
    public int? MemorySize { get; set; }
    public bool? Publish { get; set; }
    public string? PackageType { get; set; }
    public DeadLetterConfigShape? DeadLetterConfig { get; set; }
    public EnvironmentShape? Environment { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public List<string>? Architectures { get; set; }
    public EphemeralStorageShape? EphemeralStorage { get; set; }
    public TracingConfigShape? TracingConfig { get; set; }
    public LoggingConfigShape? LoggingConfig { get; set; }
}

public sealed class UpdateFunctionConfigurationRequest
{
    public string? Runtime { get; set; }
    public string? Role { get; set; }
    public string? Handler { get; set; }
    public string? Description { get; set; }
    public int? Timeout { get; set; }
    public int? MemorySize { get; set; }
    public DeadLetterConfigShape? DeadLetterConfig { get; set; }
    public EnvironmentShape? Environment { get; set; }
    public EphemeralStorageShape? EphemeralStorage { get; set; }
    public TracingConfigShape? TracingConfig { get; set; }
    public LoggingConfigShape? LoggingConfig { get; set; }
    public string? RevisionId { get; set; }
}

public sealed class UpdateFunctionCodeRequest
{
    public byte[]? ZipFile { get; set; }
    public string? S3Bucket { get; set; }
    public string? S3Key { get; set; }
    public string? ImageUri { get; set; }
    public bool? Publish { get; set; }
    public bool? DryRun { get; set; }
    public string? RevisionId { get; set; }
    public List<string>? Architectures { get; set; }
}

public sealed class PublishVersionRequest
{
    public string? CodeSha256 { get; set; }
    public string? Description { get; set; }
    public string? RevisionId { get; set; }
}

public sealed class TagResourceRequest
{
    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class PutConcurrencyRequest
{
    public int? ReservedConcurrentExecutions { get; set; }
}

public sealed class FunctionConfiguration
{
    public required string FunctionName { get; init; }
    public required string FunctionArn { get; init; }
    public required string Runtime { get; init; }
    public required string Role { get; init; }
    public required string Handler { get; init; }
    public long CodeSize { get; init; }
    public required string Description { get; init; }
    public int Timeout { get; init; }
    public int MemorySize { get; init; }
    public required string LastModified { get; init; }
    public required string CodeSha256 { get; init; }
    public string Version { get; init; } = "$LATEST";
    /// <summary>Omitted unless a dead-letter target is set, as AWS does.</summary>
    public DeadLetterConfigShape? DeadLetterConfig { get; init; }
    public EnvironmentShape? Environment { get; init; }
    public TracingConfigShape TracingConfig { get; init; } = new() { Mode = "PassThrough" };
    public required string RevisionId { get; init; }
    public string? State { get; init; }
    public string? StateReason { get; init; }
    public string? StateReasonCode { get; init; }
    public string? LastUpdateStatus { get; init; }
    public string PackageType { get; init; } = "Zip";
    public required IReadOnlyList<string> Architectures { get; init; }
    public required EphemeralStorageShape EphemeralStorage { get; init; }
    public SnapStartShape SnapStart { get; init; } = new();
    public required LoggingConfigShape LoggingConfig { get; init; }
}

public sealed class SnapStartShape
{
    public string ApplyOn { get; init; } = "None";
    public string OptimizationStatus { get; init; } = "Off";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateFunctionRequest))]
[JsonSerializable(typeof(UpdateFunctionConfigurationRequest))]
[JsonSerializable(typeof(UpdateFunctionCodeRequest))]
[JsonSerializable(typeof(TagResourceRequest))]
[JsonSerializable(typeof(PublishVersionRequest))]
[JsonSerializable(typeof(PutConcurrencyRequest))]
[JsonSerializable(typeof(FunctionConfiguration))]
[JsonSerializable(typeof(EventInvokeConfigRequest))]
[JsonSerializable(typeof(FunctionEventInvokeConfig))]
[JsonSerializable(typeof(ListFunctionEventInvokeConfigsResponse))]
[JsonSerializable(typeof(EventSourceMappingRequest))]
[JsonSerializable(typeof(EventSourceMappingConfiguration))]
[JsonSerializable(typeof(ListEventSourceMappingsResponse))]
[JsonSerializable(typeof(AddPermissionRequest))]
[JsonSerializable(typeof(AddPermissionResponse))]
[JsonSerializable(typeof(GetPolicyResponse))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(List<FunctionConfiguration>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
