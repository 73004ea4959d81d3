using System.Collections.Frozen;
using Fulmen.Execution.Environments;
using Fulmen.Functions.Versions;
using Fulmen.Storage.Code;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Catalog;

/// <summary>Builds the in-memory <see cref="FunctionEntry"/> of a stored function: specs per version, targets per qualifier.</summary>
internal static class FunctionProjection
{
    public static FunctionEntry Project(FunctionRecord record, FunctionEntry? previous, LambdaOptions options, CodeStore code)
    {
        var arn = options.FunctionArn(record.Name);
        var latest = Spec(record, VersionSnapshots.Latest, record.RevisionId, arn, options, code);
        // Only UpdateFunctionCode and UpdateFunctionConfiguration (which set LastModified) replace environments,
        // as on AWS; tags, policy, concurrency, versions and aliases change the RevisionId but keep them warm.
        if (previous is not null && previous.Record.LastModified == record.LastModified)
        {
            latest = previous.Spec;
        }
        var specs = new Dictionary<string, EnvironmentSpec>(StringComparer.Ordinal) { [VersionSnapshots.Latest] = latest };
        var qualifiers = new Dictionary<string, QualifiedFunction>(StringComparer.Ordinal)
        {
            [VersionSnapshots.Latest] = new() { Qualifier = VersionSnapshots.Latest, Arn = $"{arn}:$LATEST", Spec = latest },
        };
        foreach (var version in record.Versions)
        {
            // A version never changes, so its spec (and so its warm environments) is kept from the previous entry.
            var spec = previous?.VersionSpecs.GetValueOrDefault(version.Version) is { } kept && kept.RevisionId == version.RevisionId
                ? kept
                : Spec(VersionSnapshots.AsRecord(record, version), version.Version, version.RevisionId, arn, options, code);
            specs[version.Version] = spec;
            qualifiers[version.Version] = new() { Qualifier = version.Version, Arn = $"{arn}:{version.Version}", Spec = spec, Version = version };
        }
        foreach (var alias in record.Aliases.Values)
        {
            if (!specs.TryGetValue(alias.FunctionVersion, out var spec))
            {
                continue; // Deleting a version an alias points at is refused; a record written otherwise just loses the alias.
            }
            var (additional, weight) = alias.AdditionalVersionWeights is { Count: > 0 } weights
                && weights.First() is var (other, share) && specs.TryGetValue(other, out var otherSpec)
                    ? (otherSpec, share)
                    : ((EnvironmentSpec?)null, 0.0);
            qualifiers[alias.Name] = new()
            {
                Qualifier = alias.Name,
                Arn = $"{arn}:{alias.Name}",
                Spec = spec,
                AdditionalSpec = additional,
                AdditionalWeight = weight,
                Alias = alias,
            };
        }
        return new FunctionEntry(record, arn, latest)
        {
            Unqualified = new QualifiedFunction { Qualifier = null, Arn = arn, Spec = latest },
            Qualifiers = qualifiers.ToFrozenDictionary(StringComparer.Ordinal),
            VersionSpecs = specs.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    private static EnvironmentSpec Spec(FunctionRecord record, string version, string revisionId, string arn, LambdaOptions options, CodeStore code) => new()
    {
        FunctionName = record.Name,
        FunctionArn = arn,
        Version = version,
        Runtime = record.Runtime,
        Handler = record.Handler,
        MemorySize = record.MemorySize,
        TimeoutSeconds = record.Timeout,
        Variables = record.Environment ?? new Dictionary<string, string>(),
        CodeDirectory = code.Find(record.CodeSha256) ?? throw new InvalidDataException($"The code of function {record.Name} is missing from the data directory."),
        RevisionId = revisionId,
        Region = options.Region,
    };
}
