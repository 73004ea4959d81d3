using Fulmen.Functions.Api;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Versions;

/// <summary>DeleteFunction with a version qualifier: the version goes with its own policy and async settings.</summary>
internal static class VersionDeletion
{
    /// <summary>The record without <paramref name="version"/>; 409 while an alias points at it, 404 when it is gone.</summary>
    public static FunctionRecord Delete(FunctionRecord current, string version, string functionArn)
    {
        if (VersionSnapshots.Find(current, version) is null)
        {
            throw new LambdaApiException(LambdaError.FunctionNotFound($"{functionArn}:{version}"));
        }
        var referencing = current.Aliases.Values
            .Where(a => a.FunctionVersion == version || (a.AdditionalVersionWeights?.ContainsKey(version) ?? false))
            .Select(a => a.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (referencing.Count > 0)
        {
            throw new LambdaApiException(LambdaError.Conflict(
                $"Unable to delete version because the following aliases reference it: [{string.Join(", ", referencing)}]"));
        }
        var asyncConfigs = new Dictionary<string, EventInvokeConfigRecord>(current.EventInvokeConfigs);
        asyncConfigs.Remove(version);
        return current with
        {
            Versions = [.. current.Versions.Where(v => v.Version != version)],
            PolicyStatements = [.. current.PolicyStatements.Where(s => s.Qualifier != version)],
            EventInvokeConfigs = asyncConfigs,
            ProvisionedConcurrencyConfigs = Concurrency.ProvisionedConcurrencySync.Without(current.ProvisionedConcurrencyConfigs, version),
            RevisionId = Guid.NewGuid().ToString(),
        };
    }
}
