using System.Text.Json.Serialization;

namespace Fulmen.Functions.FunctionUrls;

// Function URL configuration (Lambda API 2021-10-31) as AWS's model names its members.

public sealed class CorsShape
{
    public bool? AllowCredentials { get; set; }
    public List<string>? AllowHeaders { get; set; }
    public List<string>? AllowMethods { get; set; }
    public List<string>? AllowOrigins { get; set; }
    public List<string>? ExposeHeaders { get; set; }
    public int? MaxAge { get; set; }
}

/// <summary>The body of CreateFunctionUrlConfig and UpdateFunctionUrlConfig.</summary>
public sealed class FunctionUrlConfigRequest
{
    public string? AuthType { get; set; }
    public CorsShape? Cors { get; set; }
    public string? InvokeMode { get; set; }
}

/// <summary>What Create, Get and Update answer, and each item of ListFunctionUrlConfigs.</summary>
public sealed class FunctionUrlConfigShape
{
    public required string FunctionUrl { get; init; }
    public required string FunctionArn { get; init; }
    public required string AuthType { get; init; }
    public CorsShape? Cors { get; init; }
    /// <summary>ISO-8601 strings, unlike the epoch numbers of the event-invoke config.</summary>
    public required string CreationTime { get; init; }
    /// <summary>Absent from Create's answer.</summary>
    public string? LastModifiedTime { get; init; }
    /// <summary>Absent from Create's answer when the request gave none.</summary>
    public string? InvokeMode { get; init; }
}

public sealed class ListFunctionUrlConfigsResponse
{
    public required List<FunctionUrlConfigShape> FunctionUrlConfigs { get; init; }
    public string? NextMarker { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FunctionUrlConfigRequest))]
[JsonSerializable(typeof(FunctionUrlConfigShape))]
[JsonSerializable(typeof(ListFunctionUrlConfigsResponse))]
internal sealed partial class FunctionUrlJsonContext : JsonSerializerContext;
