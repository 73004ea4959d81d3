using System.Globalization;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Versions;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Api;

/// <summary>How a stored function looks in the API's <c>FunctionConfiguration</c>.</summary>
internal static class ConfigurationView
{
    public enum Moment
    {
        /// <summary>The answer to CreateFunction: still Pending, as AWS reports it.</summary>
        Created,
        /// <summary>The answer to an Update* call: the update is reported in progress.</summary>
        Updated,
        /// <summary>Any later read.</summary>
        Settled,
        /// <summary>Inside ListFunctions, which leaves the state members out.</summary>
        Listed,
    }

    /// <summary>The unqualified function ($LATEST with the unqualified ARN).</summary>
    public static FunctionConfiguration From(FunctionEntry entry, Moment moment) => From(entry, entry.Unqualified, moment);

    /// <summary>
    /// What <paramref name="target"/> names: $LATEST, a version, or an alias (the configuration of the version it points
    /// at, with the alias' ARN), as GetFunctionConfiguration with a Qualifier shows it.
    /// </summary>
    public static FunctionConfiguration From(FunctionEntry entry, QualifiedFunction target, Moment moment)
    {
        var version = target.Version ?? (target.Alias is { } alias ? VersionSnapshots.Find(entry.Record, alias.FunctionVersion) : null);
        return From(version is null ? entry.Record : VersionSnapshots.AsRecord(entry.Record, version), target.Arn, version?.Version ?? VersionSnapshots.Latest, moment);
    }

    public static FunctionConfiguration From(FunctionRecord record, string arn, string version, Moment moment)
    {
        return new FunctionConfiguration
        {
            FunctionName = record.Name,
            FunctionArn = arn,
            Version = version,
            Runtime = record.Runtime,
            Role = record.Role,
            Handler = record.Handler,
            CodeSize = record.CodeSize,
            Description = record.Description,
            Timeout = record.Timeout,
            MemorySize = record.MemorySize,
            LastModified = record.LastModified.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", CultureInfo.InvariantCulture),
            CodeSha256 = record.CodeSha256,
            DeadLetterConfig = record.DeadLetterTargetArn is null ? null : new DeadLetterConfigShape { TargetArn = record.DeadLetterTargetArn },
            Environment = record.Environment is null ? null : new EnvironmentShape { Variables = new(record.Environment) },
            TracingConfig = new TracingConfigShape { Mode = record.TracingMode },
            RevisionId = record.RevisionId,
            State = moment switch
            {
                Moment.Created => "Pending",
                Moment.Listed => null,
                _ => "Active",
            },
            StateReason = moment == Moment.Created ? "The function is being created." : null,
            StateReasonCode = moment == Moment.Created ? "Creating" : null,
            LastUpdateStatus = moment switch
            {
                Moment.Updated => "InProgress",
                Moment.Settled => "Successful",
                _ => null,
            },
            Architectures = record.Architectures,
            EphemeralStorage = new EphemeralStorageShape { Size = record.EphemeralStorageSize },
            LoggingConfig = new LoggingConfigShape { LogFormat = record.LogFormat, LogGroup = $"/aws/lambda/{record.Name}" },
        };
    }
}
