using System.Text;
using Fulmen.Functions.Aliases;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>
/// CreateAlias, GetAlias, ListAliases, UpdateAlias and DeleteAlias (<c>/2015-03-31/functions/{name}/aliases</c>).
/// Aliases live in the function's record, so each change is one mutation; the function's RevisionId stays.
/// </summary>
internal static class AliasesApi
{
    public static async Task CreateAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var request = await ApiJson.ReadAsync(context, AliasJsonContext.Default.AliasRequest);
        AliasValidation.CheckShape(request, request.Name, create: true);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        var alias = new AliasRecord
        {
            Name = request.Name!,
            FunctionVersion = request.FunctionVersion!,
            Description = request.Description ?? "",
            AdditionalVersionWeights = request.RoutingConfig?.AdditionalVersionWeights,
            RevisionId = Guid.NewGuid().ToString(),
        };
        var saved = await catalog.ChangeExistingAsync(entry, current =>
        {
            if (current.Aliases.ContainsKey(alias.Name))
            {
                throw new LambdaApiException(LambdaError.Conflict($"Alias already exists: {entry.Arn}:{alias.Name}"));
            }
            AliasValidation.CheckTargets(current, entry.Arn, alias.FunctionVersion, alias.AdditionalVersionWeights);
            return current with { Aliases = new Dictionary<string, AliasRecord>(current.Aliases) { [alias.Name] = alias } };
        }, context.RequestAborted);
        await ApiJson.WriteAsync(context, StatusCodes.Status201Created, View(saved.Arn, alias), AliasJsonContext.Default.AliasConfigurationShape);
    }

    public static async Task GetAsync(HttpContext context, string functionName, string aliasName, Invoker invoker)
    {
        CheckAliasName(aliasName);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        var alias = entry.Record.Aliases.GetValueOrDefault(aliasName)
            ?? throw new LambdaApiException(LambdaError.FunctionNotFound($"{entry.Arn}:{aliasName}"));
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, View(entry.Arn, alias), AliasJsonContext.Default.AliasConfigurationShape);
    }

    /// <summary>ListAliases: by name, optionally only those pointing at <c>FunctionVersion</c>; pages of at most 50.</summary>
    public static async Task ListAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var (maxItems, after) = Paging.Read(context.Request.Query, modelMaximum: 10000);
        var version = context.Request.Query.TryGetValue("FunctionVersion", out var v) ? v.ToString() : null;
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        var remaining = entry.Record.Aliases.Values
            .Where(a => (version is null || a.FunctionVersion == version) && (after is null || string.CompareOrdinal(a.Name, after) > 0))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var page = remaining.Take(maxItems).ToList();
        var result = new ListAliasesResponse
        {
            Aliases = [.. page.Select(a => View(entry.Arn, a))],
            NextMarker = remaining.Count > page.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Name)) : null,
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, AliasJsonContext.Default.ListAliasesResponse);
    }

    /// <summary>UpdateAlias: changes the members given; a RoutingConfig given replaces the old one (<c>{}</c> removes it).</summary>
    public static async Task UpdateAsync(HttpContext context, string functionName, string aliasName, Invoker invoker, FunctionCatalog catalog)
    {
        var request = await ApiJson.ReadAsync(context, AliasJsonContext.Default.AliasRequest);
        AliasValidation.CheckShape(request, aliasName, create: false);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        AliasRecord? updated = null;
        var saved = await catalog.ChangeExistingAsync(entry, current =>
        {
            var alias = current.Aliases.GetValueOrDefault(aliasName)
                ?? throw new LambdaApiException(new LambdaError(404, "ResourceNotFoundException", $"Alias not found: {entry.Arn}:{aliasName}"));
            if (request.RevisionId is not null && request.RevisionId != alias.RevisionId)
            {
                throw new LambdaApiException(LambdaError.PreconditionFailed());
            }
            updated = alias with
            {
                FunctionVersion = request.FunctionVersion ?? alias.FunctionVersion,
                Description = request.Description ?? alias.Description,
                AdditionalVersionWeights = request.RoutingConfig is null ? alias.AdditionalVersionWeights : request.RoutingConfig.AdditionalVersionWeights,
                RevisionId = Guid.NewGuid().ToString(),
            };
            AliasValidation.CheckTargets(current, entry.Arn, updated.FunctionVersion, updated.AdditionalVersionWeights);
            return current with { Aliases = new Dictionary<string, AliasRecord>(current.Aliases) { [aliasName] = updated } };
        }, context.RequestAborted);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, View(saved.Arn, updated!), AliasJsonContext.Default.AliasConfigurationShape);
    }

    /// <summary>DeleteAlias: 204, also when there is no such alias; the alias' policy, URL and async settings go with it.</summary>
    public static async Task DeleteAsync(HttpContext context, string functionName, string aliasName, Invoker invoker, FunctionCatalog catalog)
    {
        CheckAliasName(aliasName);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        await catalog.ChangeExistingAsync(entry, current =>
        {
            if (!current.Aliases.ContainsKey(aliasName))
            {
                return current;
            }
            var aliases = new Dictionary<string, AliasRecord>(current.Aliases);
            aliases.Remove(aliasName);
            var urls = new Dictionary<string, FunctionUrlConfigRecord>(current.FunctionUrlConfigs);
            urls.Remove(aliasName);
            var asyncConfigs = new Dictionary<string, EventInvokeConfigRecord>(current.EventInvokeConfigs);
            asyncConfigs.Remove(aliasName);
            return current with
            {
                Aliases = aliases,
                FunctionUrlConfigs = urls,
                EventInvokeConfigs = asyncConfigs,
                PolicyStatements = [.. current.PolicyStatements.Where(s => s.Qualifier != aliasName)],
                ProvisionedConcurrencyConfigs = Concurrency.ProvisionedConcurrencySync.Without(current.ProvisionedConcurrencyConfigs, aliasName),
            };
        }, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static void CheckAliasName(string name)
    {
        var problems = new FunctionValidation.Problems();
        AliasValidation.CheckName(problems, name);
        problems.ThrowIfAny();
    }

    private static AliasConfigurationShape View(string functionArn, AliasRecord alias) => new()
    {
        AliasArn = $"{functionArn}:{alias.Name}",
        Name = alias.Name,
        FunctionVersion = alias.FunctionVersion,
        Description = alias.Description,
        RoutingConfig = alias.AdditionalVersionWeights is { Count: > 0 } weights
            ? new AliasRoutingConfigurationShape { AdditionalVersionWeights = new(weights) }
            : null,
        RevisionId = alias.RevisionId,
    };
}
