using Fulmen.Buckets.Content;
using Microsoft.Extensions.Logging;

namespace Fulmen.Buckets.Model;

/// <summary>
/// Removes object and part files that no committed metadata names: what a crash between a file's write and its
/// metadata's commit leaves (a PUT, UploadPart, copy or completion killed midway), or an old file whose removal after
/// an overwrite failed. Run once at start, before requests arrive. Only files last written longer ago than
/// <see cref="BucketOptions.OrphanAge"/> go: a file still being written, or written and about to be named (on this node
/// or another sharing the directory), is younger than that, and a name not in metadata now never enters it later (every
/// commit names a file it has just written).
/// </summary>
public sealed partial class OrphanSweep(BucketCatalog buckets, ObjectIndex objects, UploadStore uploads, ObjectFiles files, BucketOptions options,
    TimeProvider time, ILogger<OrphanSweep> logger)
{
    /// <summary>Sweeps; answers how many files were removed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // The age limit is taken before the metadata is read, so a file named after the listing is younger than it.
        var before = time.GetUtcNow() - options.OrphanAge;
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bucket in buckets.All)
        {
            await foreach (var document in objects.Objects(bucket).ListAllAsync(cancellationToken))
            {
                named.UnionWith(document.Value.FileNames());
            }
            foreach (var (uploadId, _) in await uploads.ListAsync(bucket, cancellationToken))
            {
                foreach (var part in await uploads.ListPartsAsync(uploadId, cancellationToken))
                {
                    named.Add(part.File);
                }
            }
        }
        var removed = 0;
        foreach (var (name, lastWrite) in files.List())
        {
            if (!named.Contains(name) && lastWrite < before)
            {
                files.Delete(name);
                removed++;
            }
        }
        if (removed > 0)
        {
            Log.Swept(logger, removed);
        }
        return removed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Removed {Count} object files no metadata names (left by an interrupted upload)")]
        public static partial void Swept(ILogger logger, int count);
    }
}
