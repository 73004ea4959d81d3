namespace Fulmen.Storage.Functions;

/// <summary>
/// A function URL (CreateFunctionUrlConfig) for one qualifier. <see cref="UrlId"/> is the 32-character host
/// label AWS puts in front of <c>.lambda-url.{region}</c>; it stays the same for the life of the URL.
/// </summary>
public sealed record FunctionUrlConfigRecord
{
    /// <summary>32 lower-case letters and digits.</summary>
    public required string UrlId { get; init; }
    /// <summary><c>NONE</c> or <c>AWS_IAM</c>.</summary>
    public required string AuthType { get; init; }
    /// <summary>Null when the caller never gave one; AWS then omits it from CreateFunctionUrlConfig's answer and shows BUFFERED elsewhere.</summary>
    public string? InvokeMode { get; init; }
    /// <summary>Null when the URL has no CORS configuration.</summary>
    public FunctionUrlCorsRecord? Cors { get; init; }
    public DateTimeOffset CreationTime { get; init; }
    public DateTimeOffset LastModifiedTime { get; init; }
}

/// <summary>A function URL's CORS settings, as the Lambda API names them.</summary>
public sealed record FunctionUrlCorsRecord
{
    public bool? AllowCredentials { get; init; }
    public IReadOnlyList<string>? AllowHeaders { get; init; }
    public IReadOnlyList<string>? AllowMethods { get; init; }
    public IReadOnlyList<string>? AllowOrigins { get; init; }
    public IReadOnlyList<string>? ExposeHeaders { get; init; }
    public int? MaxAge { get; init; }
}
