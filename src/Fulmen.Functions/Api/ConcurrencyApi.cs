using Fulmen.Functions.Catalog;
using Fulmen.Functions.Concurrency;
using Fulmen.Functions.Invocation;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency and GetAccountSettings.</summary>
internal static class ConcurrencyApi
{
    public static async Task PutAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, ConcurrencyGate gate)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.PutConcurrencyRequest);
        var entry = await ResolveUnqualifiedAsync(context, functionName, invoker);
        if (request.ReservedConcurrentExecutions is not { } reserved)
        {
            throw new LambdaApiException(LambdaError.Validation("Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null"));
        }
        if (reserved < 0)
        {
            throw new LambdaApiException(LambdaError.Validation(
                $"Value '{reserved}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0"));
        }
        var options = catalog.Options;
        await catalog.ChangeExistingAsync(entry, current =>
        {
            var otherReservations = gate.ReservedTotal - (current.ReservedConcurrency ?? 0);
            if (options.AccountConcurrency - otherReservations - reserved < options.MinimumUnreservedConcurrency)
            {
                throw new LambdaApiException(LambdaError.InvalidParameter(
                    $"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{options.MinimumUnreservedConcurrency}]."));
            }
            var provisioned = current.ProvisionedConcurrencyConfigs.Values.Sum(config => config.Requested);
            if (reserved < provisioned)
            {
                // AWS's wording, double space included.
                throw new LambdaApiException(LambdaError.InvalidParameter(
                    $"ReservedConcurrentExecutions  {reserved} should not be lower than function's total provisioned concurrency [{provisioned}]."));
            }
            return current with { ReservedConcurrency = reserved };
        }, context.RequestAborted);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK,
            new Dictionary<string, object?> { ["ReservedConcurrentExecutions"] = reserved }, LambdaJsonContext.Default.DictionaryStringObject);
    }

    public static async Task GetAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var entry = await ResolveUnqualifiedAsync(context, functionName, invoker);
        var result = new Dictionary<string, object?>();
        if (entry.Record.ReservedConcurrency is { } reserved)
        {
            result["ReservedConcurrentExecutions"] = reserved;
        }
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }

    public static async Task DeleteAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var entry = await ResolveUnqualifiedAsync(context, functionName, invoker);
        await catalog.ChangeExistingAsync(entry, current => current with { ReservedConcurrency = null }, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task AccountSettingsAsync(HttpContext context, FunctionCatalog catalog, ConcurrencyGate gate)
    {
        var functions = catalog.List();
        var result = new Dictionary<string, object?>
        {
            ["AccountLimit"] = new Dictionary<string, object?>
            {
                ["TotalCodeSize"] = 80_530_636_800L,
                ["CodeSizeUnzipped"] = Storage.Code.CodeStore.MaxUnzippedBytes,
                ["CodeSizeZipped"] = Storage.Code.CodeStore.MaxZippedBytes,
                ["ConcurrentExecutions"] = catalog.Options.AccountConcurrency,
                ["UnreservedConcurrentExecutions"] = gate.UnreservedLimit,
            },
            ["AccountUsage"] = new Dictionary<string, object?>
            {
                ["TotalCodeSize"] = functions.Sum(f => f.Record.CodeSize),
                ["FunctionCount"] = functions.Count,
            },
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }

    private static async Task<FunctionEntry> ResolveUnqualifiedAsync(HttpContext context, string functionName, Invoker invoker)
    {
        if (Arns.FunctionReference.TryParse(functionName, out var reference) && reference.Qualifier is not null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(
                "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN."));
        }
        return await FunctionsApi.ResolveAsync(context, functionName, invoker);
    }
}
