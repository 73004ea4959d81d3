using System.Globalization;
using System.Text.RegularExpressions;
using Fulmen.Functions.Arns;
using Fulmen.Functions.Async.Destinations;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>
/// Put, Update, Get, Delete and ListFunctionEventInvokeConfig(s): asynchronous invocation settings per qualifier,
/// kept in the function's record. Like tags and concurrency, they leave the function's RevisionId alone.
/// </summary>
internal static partial class EventInvokeConfigApi
{
    /// <summary>AWS's pattern for a destination ARN, as its validation messages quote it.</summary>
    private const string DestinationPattern = @"^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)";

    private static readonly LambdaError FunctionMissing = new(404, "ResourceNotFoundException", "The function doesn't exist.");

    [GeneratedRegex("^(?:" + DestinationPattern + ")$")]
    private static partial Regex Destination();

    /// <summary>PutFunctionEventInvokeConfig: replaces the whole config; members not given go back to AWS's defaults.</summary>
    public static async Task PutAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, Destinations destinations, TimeProvider time)
    {
        var request = await ReadAsync(context);
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker, catalog.Options, _ => FunctionMissing);
        await CheckDestinationsAsync(request.DestinationConfig, entry, catalog.Options, destinations, context.RequestAborted);
        var config = new EventInvokeConfigRecord
        {
            MaximumRetryAttempts = request.MaximumRetryAttempts,
            MaximumEventAgeInSeconds = request.MaximumEventAgeInSeconds,
            OnSuccess = ArnOf(request.DestinationConfig?.OnSuccess),
            OnFailure = ArnOf(request.DestinationConfig?.OnFailure),
            LastModified = time.GetUtcNow(),
        };
        await SaveAsync(context, catalog, entry, qualifier, _ => config);
    }

    /// <summary>UpdateFunctionEventInvokeConfig: changes only the members given (OnSuccess and OnFailure each count as one).</summary>
    public static async Task UpdateAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, Destinations destinations, TimeProvider time)
    {
        var request = await ReadAsync(context);
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker, catalog.Options, _ => FunctionMissing);
        _ = entry.Record.EventInvokeConfigs.GetValueOrDefault(qualifier)
            ?? throw new LambdaApiException(NoConfig($"{entry.Arn}:{qualifier}"));
        await CheckDestinationsAsync(request.DestinationConfig, entry, catalog.Options, destinations, context.RequestAborted);
        var given = request.DestinationConfig;
        await SaveAsync(context, catalog, entry, qualifier, stored =>
        {
            var current = stored ?? throw new LambdaApiException(NoConfig($"{entry.Arn}:{qualifier}"));
            return current with
            {
                MaximumRetryAttempts = request.MaximumRetryAttempts ?? current.MaximumRetryAttempts,
                MaximumEventAgeInSeconds = request.MaximumEventAgeInSeconds ?? current.MaximumEventAgeInSeconds,
                OnSuccess = given?.OnSuccess is null ? current.OnSuccess : ArnOf(given.OnSuccess),
                OnFailure = given?.OnFailure is null ? current.OnFailure : ArnOf(given.OnFailure),
                LastModified = time.GetUtcNow(),
            };
        });
    }

    public static async Task GetAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker, catalog.Options, NoConfig);
        var config = entry.Record.EventInvokeConfigs.GetValueOrDefault(qualifier)
            ?? throw new LambdaApiException(NoConfig($"{entry.Arn}:{qualifier}"));
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, View(entry, qualifier, config), LambdaJsonContext.Default.FunctionEventInvokeConfig);
    }

    public static async Task DeleteAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker, catalog.Options, NoConfig);
        _ = await catalog.ChangeAsync(entry.Record.Name, record =>
        {
            var configs = new Dictionary<string, EventInvokeConfigRecord>(record.EventInvokeConfigs);
            if (!configs.Remove(qualifier))
            {
                throw new LambdaApiException(NoConfig($"{entry.Arn}:{qualifier}"));
            }
            return record with { EventInvokeConfigs = configs };
        }, context.RequestAborted) ?? throw new LambdaApiException(NoConfig($"{entry.Arn}:{qualifier}"));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Pages of at most 50 in qualifier order; the marker is the last qualifier of the previous page.</summary>
    public static async Task ListAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var (maxItems, after) = Paging.Read(context.Request.Query);
        var (entry, _) = await ResolveAsync(context, functionName, invoker, catalog.Options, _ => FunctionMissing);
        var remaining = entry.Record.EventInvokeConfigs
            .Where(pair => after is null || string.CompareOrdinal(pair.Key, after) > 0)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        var page = remaining.Take(maxItems).ToList();
        var result = new ListFunctionEventInvokeConfigsResponse
        {
            FunctionEventInvokeConfigs = [.. page.Select(pair => View(entry, pair.Key, pair.Value))],
            NextMarker = remaining.Count > page.Count ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(page[^1].Key)) : null,
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.ListFunctionEventInvokeConfigsResponse);
    }

    /// <summary>The body, checked against AWS's model constraints first, then for having any setting at all.</summary>
    private static async Task<EventInvokeConfigRequest> ReadAsync(HttpContext context)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.EventInvokeConfigRequest);
        var problems = new FunctionValidation.Problems();
        problems.Range("maximumRetryAttempts", request.MaximumRetryAttempts, 0, 2);
        problems.Range("maximumEventAgeInSeconds", request.MaximumEventAgeInSeconds, 60, 21600);
        foreach (var (member, destination) in new[] { ("onSuccess", request.DestinationConfig?.OnSuccess), ("onFailure", request.DestinationConfig?.OnFailure) })
        {
            problems.MaxLength($"destinationConfig.{member}.destination", destination?.Destination, 350);
            problems.Pattern($"destinationConfig.{member}.destination", destination?.Destination, Destination(), DestinationPattern);
        }
        problems.ThrowIfAny();
        if (request.MaximumRetryAttempts is null && request.MaximumEventAgeInSeconds is null && request.DestinationConfig is null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("You must specify at least one of error handling or destination setting."));
        }
        return request;
    }

    /// <summary>
    /// The function and qualifier (<c>$LATEST</c> when none is given) from the path and the <c>Qualifier</c> query.
    /// AWS words a missing function differently per operation: <paramref name="notFound"/> gets the qualified ARN.
    /// </summary>
    private static async Task<(FunctionEntry Entry, string Qualifier)> ResolveAsync(
        HttpContext context, string functionName, Invoker invoker, LambdaOptions options, Func<string, LambdaError> notFound)
    {
        var queried = context.Request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;
        var (entry, error) = await invoker.ResolveAsync(functionName, queried, context.RequestAborted);
        FunctionReference.TryParse(functionName, out var reference);
        var qualifier = queried ?? reference.Qualifier ?? "$LATEST";
        if (entry is not null)
        {
            return (entry, qualifier);
        }
        // A function in another region keeps the resolver's own 404 ("not reachable in this region").
        if (error!.StatusCode == StatusCodes.Status404NotFound && (reference.Region is null || reference.Region == options.Region))
        {
            throw new LambdaApiException(notFound($"{options.FunctionArn(reference.Name)}:{qualifier}"));
        }
        throw new LambdaApiException(error);
    }

    /// <summary>Each destination given must be another function, a queue, a topic or a bus that Fulmen can deliver to.</summary>
    private static async Task CheckDestinationsAsync(
        DestinationConfigShape? given, FunctionEntry entry, LambdaOptions options, Destinations destinations, CancellationToken cancellationToken)
    {
        foreach (var arn in new[] { ArnOf(given?.OnSuccess), ArnOf(given?.OnFailure) })
        {
            if (arn is null)
            {
                continue;
            }
            if (FunctionReference.TryParse(arn, out var target) && target.Name == entry.Record.Name
                && target.Region == options.Region && target.Account == options.AccountId)
            {
                throw new LambdaApiException(LambdaError.InvalidParameter("You can't specify the function as a destination for itself."));
            }
            if (!await destinations.IsDeliverableAsync(arn, cancellationToken))
            {
                throw new LambdaApiException(LambdaError.InvalidParameter($"The destination ARN {arn} is invalid."));
            }
        }
    }

    /// <summary>Sets the qualifier's config to what <paramref name="make"/> makes of the stored one, as one mutation of the function.</summary>
    private static async Task SaveAsync(
        HttpContext context, FunctionCatalog catalog, FunctionEntry entry, string qualifier, Func<EventInvokeConfigRecord?, EventInvokeConfigRecord> make)
    {
        EventInvokeConfigRecord? config = null;
        var saved = await catalog.ChangeAsync(entry.Record.Name, record =>
        {
            config = make(record.EventInvokeConfigs.GetValueOrDefault(qualifier));
            return record with { EventInvokeConfigs = new Dictionary<string, EventInvokeConfigRecord>(record.EventInvokeConfigs) { [qualifier] = config } };
        }, context.RequestAborted) ?? throw new LambdaApiException(FunctionMissing);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, View(saved, qualifier, config!), LambdaJsonContext.Default.FunctionEventInvokeConfig);
    }

    /// <summary>An empty destination (<c>{}</c> or <c>""</c>) means none.</summary>
    private static string? ArnOf(DestinationShape? destination) => destination?.Destination is { Length: > 0 } arn ? arn : null;

    private static LambdaError NoConfig(string qualifiedArn) =>
        new(404, "ResourceNotFoundException", $"The function {qualifiedArn} doesn't have an EventInvokeConfig");

    private static FunctionEventInvokeConfig View(FunctionEntry entry, string qualifier, EventInvokeConfigRecord config) => new()
    {
        LastModified = config.LastModified.ToUnixTimeMilliseconds() / 1000.0,
        FunctionArn = $"{entry.Arn}:{qualifier}",
        MaximumRetryAttempts = config.MaximumRetryAttempts,
        MaximumEventAgeInSeconds = config.MaximumEventAgeInSeconds,
        DestinationConfig = new DestinationConfigShape
        {
            OnSuccess = new DestinationShape { Destination = config.OnSuccess },
            OnFailure = new DestinationShape { Destination = config.OnFailure },
        },
    };
}
