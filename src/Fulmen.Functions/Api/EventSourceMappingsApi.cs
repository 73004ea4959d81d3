using Fulmen.Functions.Catalog;
using Fulmen.Functions.EventSources;
using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.Invocation;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>
/// Create, Get, List, Update and DeleteEventSourceMapping. Each change is one mutation of the mapping's document and
/// lands in a transitional state (Creating, Updating, Enabling, Disabling, Deleting) that the supervisor settles.
/// </summary>
internal static class EventSourceMappingsApi
{
    private static readonly LambdaError NotFound = new(404, "ResourceNotFoundException", "The resource you requested does not exist.");

    public static async Task CreateAsync(HttpContext context, Invoker invoker, MappingStore store, EventSourceRegistry registry, LambdaOptions options, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.EventSourceMappingRequest);
        if (request.FunctionName is null)
        {
            throw new LambdaApiException(LambdaError.Validation("Value null at 'functionName' failed to satisfy constraint: Member must not be null"));
        }
        EventSourceMappingValidation.Check(request, creating: true);
        var sourceArn = request.EventSourceArn;
        if (sourceArn is null || EventSourceRegistry.ServiceOf(sourceArn) != "sqs")
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Unrecognized event source."));
        }
        var batchSize = request.BatchSize ?? 10;
        var window = request.MaximumBatchingWindowInSeconds ?? 0;
        EventSourceMappingValidation.CheckBatching(sourceArn, batchSize, window);
        FunctionValidation.CheckTags(request.Tags);
        var (entry, qualifier) = await ResolveFunctionAsync(request.FunctionName, invoker, context.RequestAborted);
        await CheckSourceAsync(registry, sourceArn, context.RequestAborted);
        var record = new EventSourceMappingRecord
        {
            Uuid = Guid.NewGuid().ToString(),
            EventSourceArn = sourceArn,
            FunctionName = entry.Record.Name,
            Qualifier = qualifier,
            BatchSize = batchSize,
            MaximumBatchingWindowInSeconds = window,
            FilterPatterns = PatternsOf(request.FilterCriteria),
            FunctionResponseTypes = request.FunctionResponseTypes ?? [],
            MaximumConcurrency = request.ScalingConfig?.MaximumConcurrency,
            Enabled = request.Enabled ?? true,
            State = MappingStates.Creating,
            LastProcessingResult = MappingStates.NoRecordsProcessed,
            LastModified = time.GetUtcNow(),
            Tags = request.Tags ?? new Dictionary<string, string>(),
        };
        var functionArn = FunctionArnOf(entry.Arn, qualifier);
        var (mapping, created) = await store.TryCreateAsync(record,
            existing => existing.EventSourceArn == sourceArn && FunctionArnOf(options.FunctionArn(existing.FunctionName), existing.Qualifier) == functionArn,
            context.RequestAborted);
        if (!created)
        {
            throw new LambdaApiException(LambdaError.Conflict(
                $"An event source mapping with SQS arn (\" {sourceArn} \") and function (\" {request.FunctionName} \") already exists. Please update or delete the existing mapping with UUID {mapping.Uuid}"));
        }
        // The create response is the mapping as it was accepted; AWS shows no processing result yet.
        await WriteAsync(context, StatusCodes.Status202Accepted, View(mapping with { LastProcessingResult = null }, options));
    }

    public static async Task GetAsync(HttpContext context, string uuid, MappingStore store, LambdaOptions options)
    {
        var mapping = await store.FindAsync(uuid, context.RequestAborted) ?? throw new LambdaApiException(NotFound);
        await WriteAsync(context, StatusCodes.Status200OK, View(mapping, options));
    }

    /// <summary>Mappings of a function (any qualifier unless one is named) and/or a source, in UUID order, 50 at most a page.</summary>
    public static async Task ListAsync(HttpContext context, MappingStore store, LambdaOptions options)
    {
        var (maxItems, after) = Paging.Read(context.Request.Query, modelMaximum: 10000);
        var query = context.Request.Query;
        var sourceArn = query.TryGetValue("EventSourceArn", out var s) ? s.ToString() : null;
        Arns.FunctionReference? function = null;
        if (query.TryGetValue("FunctionName", out var f))
        {
            if (!Arns.FunctionReference.TryParse(f.ToString(), out var reference))
            {
                throw new LambdaApiException(LambdaError.Validation(
                    $"Value '{f}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {Arns.FunctionReference.Pattern}"));
            }
            function = reference;
        }
        var remaining = store.List()
            .Where(mapping => sourceArn is null || mapping.EventSourceArn == sourceArn)
            .Where(mapping => function is not { } fn || (mapping.FunctionName == fn.Name && (fn.Qualifier is null || fn.Qualifier == mapping.Qualifier)))
            .Where(mapping => after is null || string.CompareOrdinal(mapping.Uuid, after) > 0)
            .ToList();
        var page = remaining.Take(maxItems).ToList();
        var result = new ListEventSourceMappingsResponse
        {
            EventSourceMappings = [.. page.Select(mapping => View(mapping, options))],
            NextMarker = remaining.Count > page.Count ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(page[^1].Uuid)) : null,
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.ListEventSourceMappingsResponse);
    }

    /// <summary>
    /// Changes the members given; the response shows the new settings in <c>Updating</c> (or <c>Enabling</c> /
    /// <c>Disabling</c> when Enabled changes), which the supervisor settles.
    /// </summary>
    public static async Task UpdateAsync(HttpContext context, string uuid, Invoker invoker, MappingStore store, LambdaOptions options, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.EventSourceMappingRequest);
        EventSourceMappingValidation.Check(request, creating: false);
        (FunctionEntry Entry, string? Qualifier)? function = request.FunctionName is { } name
            ? await ResolveFunctionAsync(name, invoker, context.RequestAborted)
            : null;
        if (function is { } target && await store.FindAsync(uuid, context.RequestAborted) is { } existing
            && store.List().FirstOrDefault(other => other.Uuid != uuid && other.EventSourceArn == existing.EventSourceArn
                && other.FunctionName == target.Entry.Record.Name && other.Qualifier == target.Qualifier) is { } clash)
        {
            // Moving a mapping onto a function that already has one for the same queue is the same conflict as creating it.
            throw new LambdaApiException(LambdaError.Conflict(
                $"An event source mapping with SQS arn (\" {clash.EventSourceArn} \") and function (\" {request.FunctionName} \") already exists. Please update or delete the existing mapping with UUID {clash.Uuid}"));
        }
        var saved = await store.ChangeAsync(uuid, current =>
        {
            RefuseWhileBusy(current);
            var batchSize = request.BatchSize ?? current.BatchSize;
            var window = request.MaximumBatchingWindowInSeconds ?? current.MaximumBatchingWindowInSeconds;
            EventSourceMappingValidation.CheckBatching(current.EventSourceArn, batchSize, window);
            var enabled = request.Enabled ?? current.Enabled;
            return current with
            {
                FunctionName = function?.Entry.Record.Name ?? current.FunctionName,
                Qualifier = function is { } given ? given.Qualifier : current.Qualifier,
                BatchSize = batchSize,
                MaximumBatchingWindowInSeconds = window,
                FilterPatterns = request.FilterCriteria is { } criteria ? PatternsOf(criteria) : current.FilterPatterns,
                FunctionResponseTypes = request.FunctionResponseTypes ?? current.FunctionResponseTypes,
                MaximumConcurrency = request.ScalingConfig is { } scaling ? scaling.MaximumConcurrency : current.MaximumConcurrency,
                Enabled = enabled,
                State = enabled == current.Enabled ? MappingStates.Updating : enabled ? MappingStates.Enabling : MappingStates.Disabling,
                StateTransitionReason = MappingStates.UserInitiated,
                LastModified = time.GetUtcNow(),
            };
        }, context.RequestAborted) ?? throw new LambdaApiException(NotFound);
        await WriteAsync(context, StatusCodes.Status202Accepted, View(saved, options));
    }

    /// <summary>Answers with the mapping in <c>Deleting</c>; the supervisor stops its poller and removes it.</summary>
    public static async Task DeleteAsync(HttpContext context, string uuid, MappingStore store, LambdaOptions options, TimeProvider time)
    {
        var saved = await store.ChangeAsync(uuid, current =>
        {
            if (current.State == MappingStates.Deleting)
            {
                return current;
            }
            RefuseWhileBusy(current);
            return current with { State = MappingStates.Deleting, StateTransitionReason = MappingStates.UserInitiated, LastModified = time.GetUtcNow() };
        }, context.RequestAborted) ?? throw new LambdaApiException(NotFound);
        await WriteAsync(context, StatusCodes.Status202Accepted, View(saved, options));
    }

    /// <summary>The function must exist (with the version or alias named); its name and the qualifier as named.</summary>
    private static async Task<(FunctionEntry Entry, string? Qualifier)> ResolveFunctionAsync(string functionName, Invoker invoker, CancellationToken cancellationToken)
    {
        var (entry, target, error) = await invoker.ResolveQualifiedAsync(functionName, null, cancellationToken);
        if (entry is null)
        {
            // AWS answers a missing function (or version or alias) here with InvalidParameterValueException.
            throw new LambdaApiException(error!.StatusCode == StatusCodes.Status404NotFound && error.Type == "ResourceNotFoundException"
                ? LambdaError.InvalidParameter("Function does not exist")
                : error);
        }
        return (entry, target!.Qualifier);
    }

    private static async Task CheckSourceAsync(EventSourceRegistry registry, string sourceArn, CancellationToken cancellationToken)
    {
        if (registry.Find(sourceArn)?.Validate is { } validate && await validate(sourceArn, cancellationToken) is { } problem)
        {
            throw new LambdaApiException(problem);
        }
    }

    private static void RefuseWhileBusy(EventSourceMappingRecord current)
    {
        if (current.State is MappingStates.Creating or MappingStates.Deleting)
        {
            throw new LambdaApiException(new LambdaError(400, "ResourceInUseException",
                $"The operation cannot be performed at this time. The event source mapping is currently in {current.State} state."));
        }
    }

    /// <summary>An empty FilterCriteria (<c>{}</c> or no filters) means no filtering.</summary>
    private static List<string>? PatternsOf(FilterCriteriaShape? criteria) =>
        criteria?.Filters is { Count: > 0 } filters ? [.. filters.Select(filter => filter.Pattern ?? "")] : null;

    private static string FunctionArnOf(string functionArn, string? qualifier) => qualifier is null ? functionArn : $"{functionArn}:{qualifier}";

    public static string MappingArn(LambdaOptions options, string uuid) => $"arn:aws:lambda:{options.Region}:{options.AccountId}:event-source-mapping:{uuid}";

    internal static EventSourceMappingConfiguration View(EventSourceMappingRecord mapping, LambdaOptions options) => new()
    {
        UUID = mapping.Uuid,
        BatchSize = mapping.BatchSize,
        MaximumBatchingWindowInSeconds = mapping.MaximumBatchingWindowInSeconds,
        EventSourceArn = mapping.EventSourceArn,
        FilterCriteria = mapping.FilterPatterns is { } patterns
            ? new FilterCriteriaShape { Filters = [.. patterns.Select(pattern => new FilterShape { Pattern = pattern })] }
            : null,
        FunctionArn = FunctionArnOf(options.FunctionArn(mapping.FunctionName), mapping.Qualifier),
        LastModified = mapping.LastModified.ToUnixTimeMilliseconds() / 1000.0,
        LastProcessingResult = mapping.LastProcessingResult,
        State = mapping.State,
        StateTransitionReason = mapping.StateTransitionReason,
        FunctionResponseTypes = [.. mapping.FunctionResponseTypes],
        ScalingConfig = mapping.MaximumConcurrency is { } maximum ? new ScalingConfigShape { MaximumConcurrency = maximum } : null,
        EventSourceMappingArn = MappingArn(options, mapping.Uuid),
    };

    private static Task WriteAsync(HttpContext context, int status, EventSourceMappingConfiguration view) =>
        ApiJson.WriteAsync(context, status, view, LambdaJsonContext.Default.EventSourceMappingConfiguration);
}
