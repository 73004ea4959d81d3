using System.Text.Json;
using Fulmen.Functions.Invocation;

namespace Fulmen.Functions.EventSources.Polling;

public enum BatchOutcome
{
    /// <summary>Every record was handled: all are deleted.</summary>
    Succeeded,
    /// <summary>The function reported some records as failed: the others are deleted, these come back.</summary>
    PartiallyFailed,
    /// <summary>The function failed (error, timeout, an invalid partial response): nothing is deleted.</summary>
    Failed,
    /// <summary>The function could not run for lack of concurrency: nothing is deleted, the poller backs off.</summary>
    Throttled,
}

/// <summary>What becomes of a batch: which records to delete and which to leave for the queue to deliver again.</summary>
public sealed record BatchVerdict(BatchOutcome Outcome, IReadOnlyList<SourceRecord> Delete, IReadOnlyList<SourceRecord> Keep)
{
    /// <summary>
    /// SQS's rules. Success deletes the batch. A function error, a timeout, or the function not running at all
    /// keeps it (it returns after the visibility timeout). With <c>ReportBatchItemFailures</c>, only the messages
    /// the response names stay; an empty or null response or list is success, and anything else malformed — not
    /// JSON, not an object, an item without a non-empty string <c>itemIdentifier</c>, an id not in the batch — fails
    /// the whole batch.
    /// </summary>
    public static BatchVerdict Judge(IReadOnlyList<SourceRecord> batch, InvokeResult result, bool reportBatchItemFailures)
    {
        if (result.Error is { } error)
        {
            return new(error.StatusCode == 429 ? BatchOutcome.Throttled : BatchOutcome.Failed, [], batch);
        }
        var outcome = result.Outcome!;
        if (outcome.IsFunctionError)
        {
            return new(BatchOutcome.Failed, [], batch);
        }
        if (!reportBatchItemFailures)
        {
            return new(BatchOutcome.Succeeded, batch, []);
        }
        var failed = FailedIds(outcome.Payload, batch);
        if (failed is null)
        {
            return new(BatchOutcome.Failed, [], batch);
        }
        if (failed.Count == 0)
        {
            return new(BatchOutcome.Succeeded, batch, []);
        }
        return new(BatchOutcome.PartiallyFailed,
            [.. batch.Where(record => !failed.Contains(record.Id))],
            [.. batch.Where(record => failed.Contains(record.Id))]);
    }

    /// <summary>The ids the partial batch response names (empty: all succeeded), or null when the response is invalid.</summary>
    internal static HashSet<string>? FailedIds(ReadOnlyMemory<byte> payload, IReadOnlyList<SourceRecord> batch)
    {
        if (payload.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return [];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (!root.TryGetProperty("batchItemFailures", out var failures) || failures.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            if (failures.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var ids = batch.Select(record => record.Id).ToHashSet(StringComparer.Ordinal);
            var failed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in failures.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("itemIdentifier", out var id)
                    || id.ValueKind != JsonValueKind.String
                    || id.GetString() is not { Length: > 0 } text
                    || !ids.Contains(text))
                {
                    return null;
                }
                failed.Add(text);
            }
            return failed;
        }
    }
}
