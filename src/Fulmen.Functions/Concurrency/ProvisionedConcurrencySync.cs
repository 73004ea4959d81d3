using Fulmen.Execution.Environments;
using Fulmen.Execution.Provisioned;
using Fulmen.Functions.Catalog;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Concurrency;

/// <summary>
/// Keeps the provisioned environments of a function in step with the configs stored in its record: run after every
/// change and at start-up, so a Put, a Delete, an alias moved to another version, a deleted version, alias or function,
/// and a server restart all end with the right environments running. Repeating it changes nothing.
/// </summary>
internal static class ProvisionedConcurrencySync
{
    private static readonly Dictionary<string, ProvisionedConcurrencyRecord> None = [];

    public static Task ApplyAsync(ProvisionedEnvironments provisioned, ConcurrencyGate gate, string functionName, FunctionEntry? current)
    {
        var configs = current?.Record.ProvisionedConcurrencyConfigs ?? None;
        gate.SetProvisioned(functionName, configs.Values.Sum(config => config.Requested), reserved: current?.Record.ReservedConcurrency is not null);
        List<Task>? stopping = null;
        foreach (var qualifier in provisioned.QualifiersOf(functionName))
        {
            if (!configs.ContainsKey(qualifier) || Target(current!, qualifier) is null)
            {
                (stopping ??= []).Add(provisioned.StopAsync(functionName, qualifier));
            }
        }
        foreach (var (qualifier, config) in configs)
        {
            if (Target(current!, qualifier) is { } target)
            {
                provisioned.Provision(qualifier, Parts(target, config.Requested), config.LastModified.UtcTicks);
            }
        }
        return stopping is null ? Task.CompletedTask : Task.WhenAll(stopping);
    }

    /// <summary>
    /// How many environments of which version: all of the target's, or for an alias with weighted routing a share of
    /// each version by its weight (rounded, the main version keeping at least one).
    /// </summary>
    private static (EnvironmentSpec Spec, int Count)[] Parts(QualifiedFunction target, int requested)
    {
        if (target.AdditionalSpec is not { } additional || target.AdditionalWeight <= 0)
        {
            return [(target.Spec, requested)];
        }
        var extra = Math.Min(requested - 1, (int)Math.Round(requested * target.AdditionalWeight, MidpointRounding.AwayFromZero));
        return [(target.Spec, requested - extra), (additional, extra)];
    }

    /// <summary>The configs without the one of <paramref name="qualifier"/>: a deleted version or alias takes its config along.</summary>
    public static IReadOnlyDictionary<string, ProvisionedConcurrencyRecord> Without(
        IReadOnlyDictionary<string, ProvisionedConcurrencyRecord> configs, string qualifier)
    {
        if (!configs.ContainsKey(qualifier))
        {
            return configs;
        }
        var rest = new Dictionary<string, ProvisionedConcurrencyRecord>(configs);
        rest.Remove(qualifier);
        return rest;
    }

    /// <summary>The version or alias a config is for, while it exists and runs a published version.</summary>
    private static QualifiedFunction? Target(FunctionEntry entry, string qualifier) =>
        entry.Find(qualifier) is { } target && target.Spec.Version != "$LATEST" ? target : null;
}
