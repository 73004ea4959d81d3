using Fulmen.Protocols.Edge;
using System.Globalization;
using System.Text;
using Fulmen.Execution.Environments;
using Fulmen.Execution.Provisioned;
using Fulmen.Functions.Arns;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Concurrency;
using Fulmen.Functions.Invocation;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fulmen.Functions.Api;

/// <summary>
/// Put, Get, Delete and ListProvisionedConcurrencyConfig(s) (<c>/2019-09-30/functions/{name}/provisioned-concurrency</c>):
/// configs per version or alias, stored in the function's record; <see cref="ProvisionedConcurrencySync"/> starts and
/// stops the environments after each change.
/// </summary>
internal static class ProvisionedConcurrencyApi
{
    private const string Unpublished = "Provisioned Concurrency Configs cannot be applied to unpublished function versions.";
    private const string NotAliasOrVersion = "The function resource provided must be an alias or a published version.";

    public static IEndpointRouteBuilder MapProvisionedConcurrencyApi(this IEndpointRouteBuilder app)
    {
        const string Path = "/2019-09-30/functions/{functionName}/provisioned-concurrency";
        app.MapPut(Path, PutAsync).WithAwsOperation(LambdaService.Api, "PutProvisionedConcurrencyConfig");
        // ListProvisionedConcurrencyConfigs is the same path with ?List=ALL.
        app.MapGet(Path, GetOrListAsync).WithAwsOperation(LambdaService.Api, "GetProvisionedConcurrencyConfig");
        app.MapDelete(Path, DeleteAsync).WithAwsOperation(LambdaService.Api, "DeleteProvisionedConcurrencyConfig");
        return app;
    }

    /// <summary>PutProvisionedConcurrencyConfig: 202, allocation continues in the background.</summary>
    public static async Task PutAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog,
        ConcurrencyGate gate, EnvironmentManager environments, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, ProvisionedConcurrencyJsonContext.Default.PutProvisionedConcurrencyRequest);
        if (request.ProvisionedConcurrentExecutions is not { } requested)
        {
            throw new LambdaApiException(LambdaError.Validation("Value null at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must not be null"));
        }
        if (requested < 1)
        {
            throw new LambdaApiException(LambdaError.Validation(
                $"Value '{requested}' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1"));
        }
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker, catalog, Unpublished);
        var config = new ProvisionedConcurrencyRecord { Requested = requested, LastModified = time.GetUtcNow() };
        var options = catalog.Options;
        await catalog.ChangeExistingAsync(entry, current =>
        {
            CheckConflicts(current, qualifier);
            var total = current.ProvisionedConcurrencyConfigs.Where(pair => pair.Key != qualifier).Sum(pair => pair.Value.Requested) + requested;
            if (current.ReservedConcurrency is { } reserved && reserved < total)
            {
                throw new LambdaApiException(LambdaError.InvalidParameter(
                    "Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function"));
            }
            // Without a reservation the provisioned total is claimed from the account: what on-demand invocations would
            // have left once this function claims its new total instead of its present one must stay above the minimum.
            var claimed = current.ProvisionedConcurrencyConfigs.Values.Sum(config => config.Requested);
            if (current.ReservedConcurrency is null && gate.OnDemandLimit + claimed - total < options.MinimumUnreservedConcurrency)
            {
                throw new LambdaApiException(LambdaError.InvalidParameter(
                    $"Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{options.MinimumUnreservedConcurrency}]."));
            }
            var configs = new Dictionary<string, ProvisionedConcurrencyRecord>(current.ProvisionedConcurrencyConfigs) { [qualifier] = config };
            return current with { ProvisionedConcurrencyConfigs = configs };
        }, context.RequestAborted);
        await ApiJson.WriteAsync(context, StatusCodes.Status202Accepted, View(entry, qualifier, config, environments, withArn: false),
            ProvisionedConcurrencyJsonContext.Default.ProvisionedConcurrencyConfig);
    }

    /// <summary>GetProvisionedConcurrencyConfig, or ListProvisionedConcurrencyConfigs with <c>?List=ALL</c>.</summary>
    public static async Task GetOrListAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, EnvironmentManager environments)
    {
        if (context.Request.Query.TryGetValue("List", out var list))
        {
            await ListAsync(context, functionName, list.ToString(), invoker, environments);
            return;
        }
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker, catalog, NotAliasOrVersion);
        var config = entry.Record.ProvisionedConcurrencyConfigs.GetValueOrDefault(qualifier) ?? throw new LambdaApiException(NotFound());
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, View(entry, qualifier, config, environments, withArn: false),
            ProvisionedConcurrencyJsonContext.Default.ProvisionedConcurrencyConfig);
    }

    /// <summary>DeleteProvisionedConcurrencyConfig: 204, also when there was none (as AWS); the environments stop.</summary>
    public static async Task DeleteAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker, catalog, NotAliasOrVersion);
        await catalog.ChangeExistingAsync(entry, current =>
        {
            if (!current.ProvisionedConcurrencyConfigs.ContainsKey(qualifier))
            {
                return current;
            }
            var configs = new Dictionary<string, ProvisionedConcurrencyRecord>(current.ProvisionedConcurrencyConfigs);
            configs.Remove(qualifier);
            return current with { ProvisionedConcurrencyConfigs = configs };
        }, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Pages of at most 50 in qualifier order; the marker is the last qualifier of the previous page.</summary>
    private static async Task ListAsync(HttpContext context, string functionName, string list, Invoker invoker, EnvironmentManager environments)
    {
        if (list != "ALL")
        {
            throw new LambdaApiException(LambdaError.Validation($"Value '{list}' at 'list' failed to satisfy constraint: Member must satisfy enum value set: [ALL]"));
        }
        var (maxItems, after) = Paging.Read(context.Request.Query);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        var remaining = entry.Record.ProvisionedConcurrencyConfigs
            .Where(pair => entry.Find(pair.Key) is not null && (after is null || string.CompareOrdinal(pair.Key, after) > 0))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        var page = remaining.Take(maxItems).ToList();
        var result = new ListProvisionedConcurrencyConfigsResponse
        {
            ProvisionedConcurrencyConfigs = [.. page.Select(pair => View(entry, pair.Key, pair.Value, environments, withArn: true))],
            NextMarker = remaining.Count > page.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key)) : null,
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, ProvisionedConcurrencyJsonContext.Default.ListProvisionedConcurrencyConfigsResponse);
    }

    /// <summary>
    /// The function and the version or alias the request names (the <c>Qualifier</c> query or the ARN's). No qualifier
    /// or <c>$LATEST</c> (also an alias of $LATEST) gets <paramref name="unpublished"/>, AWS's wording per operation.
    /// </summary>
    private static async Task<(FunctionEntry Entry, string Qualifier)> ResolveAsync(
        HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, string unpublished)
    {
        var queried = context.Request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;
        FunctionReference.TryParse(functionName, out var reference);
        var qualifier = queried ?? reference.Qualifier;
        if (qualifier is null or "$LATEST")
        {
            // Checked after the name is valid and the function known, as AWS does.
            _ = await FunctionsApi.ResolveAsync(context, reference.Name ?? functionName, invoker);
            throw new LambdaApiException(LambdaError.InvalidParameter(unpublished));
        }
        var (entry, target, error) = await invoker.ResolveQualifiedAsync(functionName, queried, context.RequestAborted);
        if (entry is null || target is null)
        {
            var qualifiedArn = $"{catalog.Options.FunctionArn(reference.Name ?? functionName)}:{qualifier}";
            if (error is { StatusCode: 404 } && reference.Name is { } name && await catalog.FindAsync(name, context.RequestAborted) is not null)
            {
                throw new LambdaApiException(IsVersion(qualifier)
                    ? LambdaError.FunctionNotFound(qualifiedArn)
                    : new LambdaError(404, "ResourceNotFoundException", $"Cannot find alias arn: {qualifiedArn}"));
            }
            throw new LambdaApiException(error!);
        }
        if (target.Spec.Version == "$LATEST")
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(unpublished));
        }
        return (entry, qualifier);
    }

    /// <summary>An alias and the version it points at cannot both have a config (AWS's ResourceConflictException).</summary>
    private static void CheckConflicts(FunctionRecord current, string qualifier)
    {
        var configs = current.ProvisionedConcurrencyConfigs;
        if (current.Aliases.GetValueOrDefault(qualifier) is { } alias)
        {
            if (configs.ContainsKey(alias.FunctionVersion))
            {
                throw new LambdaApiException(LambdaError.Conflict("Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version"));
            }
        }
        else if (current.Aliases.Values.Any(other => other.FunctionVersion == qualifier && configs.ContainsKey(other.Name)))
        {
            throw new LambdaApiException(LambdaError.Conflict("Version is pointed by a Provisioned Concurrency alias"));
        }
    }

    private static bool IsVersion(string qualifier) => qualifier.All(char.IsAsciiDigit);

    private static LambdaError NotFound() =>
        new(404, "ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found for this function");

    private static ProvisionedConcurrencyConfig View(FunctionEntry entry, string qualifier, ProvisionedConcurrencyRecord config,
        EnvironmentManager environments, bool withArn)
    {
        var status = environments.Provisioned.Status(entry.Record.Name, qualifier) is { } current && current.Requested == config.Requested
            ? current
            : new ProvisionedStatus(config.Requested, 0, 0, ProvisionedState.InProgress, null);
        return new ProvisionedConcurrencyConfig
        {
            FunctionArn = withArn ? $"{entry.Arn}:{qualifier}" : null,
            RequestedProvisionedConcurrentExecutions = config.Requested,
            AllocatedProvisionedConcurrentExecutions = status.Allocated,
            AvailableProvisionedConcurrentExecutions = status.Available,
            Status = status.StateName,
            StatusReason = status.Reason,
            LastModified = config.LastModified.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture),
        };
    }
}
