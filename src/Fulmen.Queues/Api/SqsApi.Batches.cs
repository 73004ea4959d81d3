using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulmen.Protocols.Errors;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.Api;

/// <summary>
/// The batch operations: up to ten entries with distinct ids, each succeeding or failing on its own (a failed entry is
/// a <c>Failed</c> item with SQS's code, never the whole call's error).
/// </summary>
public sealed partial class SqsApi
{
    private const int MaxBatchBytes = 262_144;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,80}$")]
    private static partial Regex EntryIdPattern();

    private async Task<JsonObject> SendMessageBatchAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var entries = Entries(request, "SendMessageBatchRequestEntry");
        var size = entries.Sum(e => System.Text.Encoding.UTF8.GetByteCount(SqsRequest.String(e, "MessageBody") ?? ""));
        if (size > MaxBatchBytes)
        {
            throw SqsErrors.BatchRequestTooLong(size, MaxBatchBytes);
        }
        // A FIFO queue stores a batch's entries one after another, in order; a standard queue's share one commit.
        return await RunBatchAsync(entries, entry => SendAsync(queue, entry), inOrder: queue.Name.EndsWith(".fifo", StringComparison.Ordinal));
    }

    private async Task<JsonObject> DeleteMessageBatchAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        return await RunBatchAsync(Entries(request, "DeleteMessageBatchRequestEntry"), async entry =>
        {
            await messages.DeleteAsync(queue, Required(entry, "ReceiptHandle"));
            return [];
        });
    }

    private async Task<JsonObject> ChangeMessageVisibilityBatchAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        return await RunBatchAsync(Entries(request, "ChangeMessageVisibilityBatchRequestEntry"), async entry =>
        {
            var timeout = SqsRequest.IntBetween(entry, "VisibilityTimeout", 0, 43_200) ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
            await messages.ChangeVisibilityAsync(queue, Required(entry, "ReceiptHandle"), timeout);
            return [];
        });
    }

    private static List<JsonObject> Entries(SqsRequest request, string entryName)
    {
        var entries = request.Objects("Entries");
        if (entries.Count == 0)
        {
            throw SqsErrors.EmptyBatchRequest(entryName);
        }
        if (entries.Count > 10)
        {
            throw SqsErrors.TooManyEntriesInBatchRequest(entries.Count);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = SqsRequest.String(entry, "Id") ?? throw SqsErrors.MissingParameter("Id");
            if (!EntryIdPattern().IsMatch(id))
            {
                throw SqsErrors.InvalidBatchEntryId();
            }
            if (!seen.Add(id))
            {
                throw SqsErrors.BatchEntryIdsNotDistinct(id);
            }
        }
        return entries;
    }

    /// <summary>
    /// Runs every entry and answers in the entries' order. Unless <paramref name="inOrder"/>, all entries are started
    /// before any is awaited, so their writes share one commit of the queue store instead of waiting for one each.
    /// </summary>
    private static async Task<JsonObject> RunBatchAsync(List<JsonObject> entries, Func<JsonObject, Task<JsonObject>> run, bool inOrder = false)
    {
        var successful = new JsonArray();
        var failed = new JsonArray();
        var started = inOrder ? null : entries.Select(run).ToArray();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var id = SqsRequest.String(entry, "Id")!;
            try
            {
                var result = await (started is null ? run(entry) : started[i]);
                var item = new JsonObject { ["Id"] = id };
                foreach (var (name, value) in result.ToList())
                {
                    result.Remove(name);
                    item[name] = value;
                }
                successful.Add(item);
            }
            catch (AwsErrorException e)
            {
                failed.Add(new JsonObject
                {
                    ["Id"] = id,
                    ["SenderFault"] = e.Error.IsSenderFault,
                    ["Code"] = e.Error.QueryCode ?? e.Error.Code,
                    ["Message"] = e.Error.Message,
                });
            }
        }
        return new JsonObject { ["Successful"] = successful, ["Failed"] = failed };
    }

    private static string Required(JsonObject entry, string name) =>
        SqsRequest.String(entry, name) is { Length: > 0 } value ? value : throw SqsErrors.MissingParameter(name);
}
