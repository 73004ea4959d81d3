using System.Text.RegularExpressions;
using Fulmen.Functions.EventSources.Filtering;

namespace Fulmen.Functions.Api;

/// <summary>The members of Create/UpdateEventSourceMapping checked as AWS checks them for SQS sources.</summary>
internal static partial class EventSourceMappingValidation
{
    public const string ArnPattern = @"arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)";

    [GeneratedRegex("^(?:" + ArnPattern + ")$")]
    private static partial Regex SourceArn();

    /// <summary>The model's constraints (ValidationException, all problems at once), then AWS's own rules.</summary>
    public static void Check(EventSourceMappingRequest request, bool creating)
    {
        var problems = new FunctionValidation.Problems();
        if (creating)
        {
            problems.Pattern("eventSourceArn", request.EventSourceArn, SourceArn(), ArnPattern);
        }
        problems.Range("batchSize", request.BatchSize, 1, 10000);
        problems.Range("maximumBatchingWindowInSeconds", request.MaximumBatchingWindowInSeconds, 0, 300);
        problems.Range("scalingConfig.maximumConcurrency", request.ScalingConfig?.MaximumConcurrency, 2, 1000);
        if (request.FunctionResponseTypes is { } types && (types.Count > 1 || types.Any(type => type != "ReportBatchItemFailures")))
        {
            problems.Add($"Value '[{string.Join(", ", types)}]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1, Member must satisfy enum value set: [ReportBatchItemFailures]]");
        }
        var filters = request.FilterCriteria?.Filters ?? [];
        for (var i = 0; i < filters.Count; i++)
        {
            problems.MaxLength($"filterCriteria.filters.{i + 1}.member.pattern", filters[i].Pattern, 4096);
        }
        problems.ThrowIfAny();
        if (request.DestinationConfig is { } destination && (destination.OnFailure?.Destination is { Length: > 0 } || destination.OnSuccess?.Destination is { Length: > 0 }))
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Unsupported DestinationConfig parameter for given event source mapping type."));
        }
        if (MappingFilters.Validate([.. filters.Select(filter => filter.Pattern ?? "")]) is { } invalid)
        {
            throw new LambdaApiException(invalid);
        }
    }

    /// <summary>Batch size against the window, on the values the mapping will have after the change.</summary>
    public static void CheckBatching(string eventSourceArn, int batchSize, int window)
    {
        var fifo = eventSourceArn.EndsWith(".fifo", StringComparison.Ordinal);
        if (fifo && batchSize > 10)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Maximum batch size must be between 1 and 10 inclusive"));
        }
        if (fifo && window > 0)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Batching window is not supported for FIFO queues"));
        }
        if (batchSize > 10 && window < 1)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"));
        }
    }
}
