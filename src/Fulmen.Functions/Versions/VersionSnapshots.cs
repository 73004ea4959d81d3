using System.Globalization;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Versions;

/// <summary>Published versions of a function: taking a snapshot of $LATEST and looking one up.</summary>
public static class VersionSnapshots
{
    public const string Latest = "$LATEST";

    /// <summary>The snapshot $LATEST would become as version <paramref name="number"/>.</summary>
    public static FunctionVersionRecord Snapshot(FunctionRecord latest, int number, string? description, DateTimeOffset now) => new(latest)
    {
        Version = number.ToString(CultureInfo.InvariantCulture),
        Description = description ?? latest.Description,
        RevisionId = Guid.NewGuid().ToString(),
        LastModified = now,
        PublishedFrom = latest.LastModified,
    };

    /// <summary>
    /// Adds a new version made from $LATEST, or returns the record unchanged when the newest version was published from
    /// $LATEST as it is now (AWS then answers with that version). <paramref name="published"/> is the version answered.
    /// </summary>
    public static FunctionRecord Publish(FunctionRecord record, string? description, DateTimeOffset now, out FunctionVersionRecord published)
    {
        if (record.Versions.Count > 0 && record.Versions[^1] is { } newest
            && newest.Version == record.LastVersion.ToString(CultureInfo.InvariantCulture) && newest.PublishedFrom == record.LastModified)
        {
            published = newest;
            return record;
        }
        published = Snapshot(record, record.LastVersion + 1, description, now);
        return record with
        {
            Versions = [.. record.Versions, published],
            LastVersion = record.LastVersion + 1,
            // Publishing changes the function's RevisionId, as on AWS.
            RevisionId = Guid.NewGuid().ToString(),
        };
    }

    public static FunctionVersionRecord? Find(FunctionRecord record, string version)
    {
        foreach (var candidate in record.Versions)
        {
            if (candidate.Version == version)
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="qualifier"/> is a version number (all digits) rather than an alias.</summary>
    public static bool IsVersionNumber(string qualifier)
    {
        if (qualifier.Length == 0)
        {
            return false;
        }
        foreach (var c in qualifier)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The function as the version saw it: the version's code and configuration over the function's record.</summary>
    public static FunctionRecord AsRecord(FunctionRecord function, FunctionVersionRecord version) => function with
    {
        Runtime = version.Runtime,
        Role = version.Role,
        Handler = version.Handler,
        Description = version.Description,
        Timeout = version.Timeout,
        MemorySize = version.MemorySize,
        EphemeralStorageSize = version.EphemeralStorageSize,
        Architectures = version.Architectures,
        Environment = version.Environment,
        CodeSha256 = version.CodeSha256,
        CodeSize = version.CodeSize,
        TracingMode = version.TracingMode,
        LogFormat = version.LogFormat,
        DeadLetterTargetArn = version.DeadLetterTargetArn,
        RevisionId = version.RevisionId,
        LastModified = version.LastModified,
    };
}
