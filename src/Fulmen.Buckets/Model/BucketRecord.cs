namespace Fulmen.Buckets.Model;

/// <summary>
/// A bucket as stored (collection <c>s3.buckets</c>, id = name). <see cref="Id"/> names the bucket's object collection,
/// so a bucket deleted and created again starts empty even if a PUT raced the delete.
/// </summary>
public sealed record BucketRecord(string Name, string Id, string Region, DateTimeOffset CreatedAt)
{
    public Dictionary<string, string>? Tags { get; init; }

    /// <summary>The bucket policy document as the caller sent it.</summary>
    public string? Policy { get; init; }

    public List<CorsRule>? Cors { get; init; }
}

/// <summary>One rule of a bucket's CORS configuration.</summary>
public sealed record CorsRule(string? Id, List<string> AllowedOrigins, List<string> AllowedMethods, List<string> AllowedHeaders, List<string> ExposeHeaders, int? MaxAgeSeconds);
