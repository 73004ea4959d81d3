namespace Fulmen.Buckets;

/// <summary>Where buckets keep their bytes, and S3's size limits.</summary>
public sealed class BucketOptions
{
    /// <summary>The directory of object and part files (<c>{data}/buckets</c>).</summary>
    public required string Directory { get; init; }

    /// <summary>The largest single PUT (object or part): S3's 5 GiB.</summary>
    public long MaxPutBytes { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Every part of a multipart upload but the last must be at least this large: S3's 5 MiB.</summary>
    public long MinPartBytes { get; init; } = 5L * 1024 * 1024;

    /// <summary>
    /// How long a file no metadata names must have gone unwritten before the sweep at start removes it (Model/OrphanSweep):
    /// far longer than any upload stays silent (the server drops a body that stalls) or a written file waits for its commit.
    /// </summary>
    public TimeSpan OrphanAge { get; init; } = TimeSpan.FromHours(1);
}
