namespace Fulmen.Storage.Code;

/// <summary>
/// What a deployment package may cost to unpack. The sizes are AWS Lambda's quotas; AWS documents no limit on the
/// number of entries or the time spent, so those two are Fulmen's own bounds, generous for real packages (a large
/// node_modules tree has tens of thousands of files) and small enough that a hostile zip cannot occupy the server.
/// </summary>
public sealed class CodePackageLimits
{
    /// <summary>The zip as uploaded (AWS: 50 MB for a direct upload).</summary>
    public long MaxZippedBytes { get; init; } = CodeStore.MaxZippedBytes;

    /// <summary>The sum of the unpacked files (AWS: 250 MB, counted as bytes are written, not as the zip declares them).</summary>
    public long MaxUnzippedBytes { get; init; } = CodeStore.MaxUnzippedBytes;

    /// <summary>
    /// Entries in the central directory, files and directories alike: as many as a zip without ZIP64 can hold. The
    /// cost is creating the files (docs/storage.md has it measured), and the count is read before any entry is.
    /// </summary>
    public int MaxEntries { get; init; } = ushort.MaxValue;

    /// <summary>The longest one package may take to unpack before it is refused.</summary>
    public TimeSpan MaxUnpackTime { get; init; } = TimeSpan.FromMinutes(2);
}
