using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulmen.Queues.Model;
using Fulmen.Storage.Documents;

namespace Fulmen.Queues.Api;

/// <summary>Queue operations: create, delete, list, URLs, attributes, tags, purge.</summary>
public sealed partial class SqsApi
{
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,80}$")]
    private static partial Regex QueueNamePattern();

    private async Task<JsonObject> CreateQueueAsync(SqsRequest request)
    {
        var name = request.RequiredString("QueueName");
        var requested = request.StringMap("Attributes");
        var fifo = FifoAttributes.Requested(requested);
        if (fifo && !(name.EndsWith(FifoAttributes.Suffix, StringComparison.Ordinal) && QueueNamePattern().IsMatch(name[..^FifoAttributes.Suffix.Length]) && name.Length <= 80))
        {
            throw SqsErrors.InvalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
        }
        if (!fifo && !QueueNamePattern().IsMatch(name))
        {
            throw SqsErrors.InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        var attributes = QueueAttributes.Validate(requested, DeadLetterTargetExists, fifo, DeadLetterIsFifo);
        if (fifo)
        {
            FifoAttributes.CheckCombination(n => attributes.GetValueOrDefault(n) ?? FifoAttributes.Default(n));
        }
        // The JSON protocol spells CreateQueue's member "tags" (the query protocol's "Tag" becomes "Tags").
        var tags = request.Body.ContainsKey("tags") ? request.StringMap("tags") : request.StringMap("Tags");
        var now = time.GetUtcNow();
        await catalog.ChangeAsync(name, existing =>
        {
            if (existing is not null)
            {
                // Idempotent when every attribute asked for has the value the queue has; else QueueNameExists.
                foreach (var (key, value) in attributes)
                {
                    if (QueueAttributes.Value(existing, key) != value)
                    {
                        throw SqsErrors.QueueNameExists(key);
                    }
                }
                return DocumentChange.Keep<QueueRecord, bool>(false);
            }
            var seconds = now.ToUnixTimeSeconds();
            return DocumentChange.Put(new QueueRecord
            {
                Name = name,
                StoreKey = string.Create(CultureInfo.InvariantCulture, $"sqs/{name}/{now.ToUnixTimeMilliseconds()}"),
                CreatedTimestamp = seconds,
                LastModifiedTimestamp = seconds,
                Attributes = attributes,
                Tags = tags,
            }, true);
        }, request.Aborted);
        return new JsonObject { ["QueueUrl"] = QueueUrl(request, name) };
    }

    private bool DeadLetterTargetExists(string arn)
    {
        var name = arn[(arn.LastIndexOf(':') + 1)..];
        return arn == QueueArn(name) && catalog.Find(name) is not null;
    }

    private bool DeadLetterIsFifo(string arn) => catalog.Find(arn[(arn.LastIndexOf(':') + 1)..]) is { } target && FifoAttributes.IsFifo(target);

    private async Task<JsonObject> DeleteQueueAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        await catalog.ChangeAsync(queue.Name, existing => existing is null
            ? throw SqsErrors.QueueDoesNotExist()
            : DocumentChange.Delete<QueueRecord, bool>(true), request.Aborted);
        await store.PurgeAsync(queue.StoreKey);
        messages.Forget(queue, deleted: true);
        return [];
    }

    private Task<JsonObject> ListQueuesAsync(SqsRequest request)
    {
        var prefix = request.String("QueueNamePrefix") ?? "";
        var max = request.IntBetween("MaxResults", 1, 1000, "Must be between 1 and 1000, if provided.");
        var after = request.String("NextToken") is { Length: > 0 } token ? DecodeToken(token) : null;
        var names = catalog.All.Select(q => q.Name)
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(n, after) > 0))
            .ToList();
        // Without MaxResults SQS answers up to 1,000 queues and no token.
        var page = names.Take(max ?? 1000).ToList();
        var result = new JsonObject();
        if (page.Count > 0)
        {
            result["QueueUrls"] = new JsonArray([.. page.Select(n => (JsonNode)JsonValue.Create(QueueUrl(request, n)))]);
        }
        if (max is not null && names.Count > page.Count)
        {
            result["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1]));
        }
        return Task.FromResult(result);
    }

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw SqsErrors.InvalidParameterValue("Invalid NextToken value.");
        }
    }

    private async Task<JsonObject> GetQueueUrlAsync(SqsRequest request)
    {
        var name = request.RequiredString("QueueName");
        var owner = request.String("QueueOwnerAWSAccountId");
        if ((owner is not null && owner != account.AccountId) || await catalog.FindAsync(name, request.Aborted) is null)
        {
            throw SqsErrors.QueueDoesNotExist();
        }
        return new JsonObject { ["QueueUrl"] = QueueUrl(request, name) };
    }

    private async Task<JsonObject> GetQueueAttributesAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var names = request.Strings("AttributeNames");
        foreach (var name in names)
        {
            if (name != "All" && !QueueAttributes.IsKnown(name))
            {
                throw SqsErrors.InvalidAttributeName(name);
            }
        }
        var all = names.Contains("All");
        var wanted = all ? [.. QueueAttributes.Computed, .. QueueAttributes.Settable] : names.Distinct(StringComparer.Ordinal).ToList();
        var attributes = new JsonObject();
        if (wanted.Any(n => n.StartsWith("ApproximateNumber", StringComparison.Ordinal)))
        {
            var counts = await store.CountAsync(queue.StoreKey, request.Aborted);
            var delayed = await store.CountDelayedAsync(queue.StoreKey, request.Aborted);
            Add("ApproximateNumberOfMessages", counts.Visible);
            Add("ApproximateNumberOfMessagesNotVisible", counts.Invisible - delayed);
            Add("ApproximateNumberOfMessagesDelayed", delayed);
        }
        Add("CreatedTimestamp", queue.CreatedTimestamp);
        Add("LastModifiedTimestamp", queue.LastModifiedTimestamp);
        if (wanted.Contains("QueueArn"))
        {
            attributes["QueueArn"] = QueueArn(queue.Name);
        }
        foreach (var name in wanted.Where(n => !QueueAttributes.Computed.Contains(n)))
        {
            if (QueueAttributes.Value(queue, name) is { } value)
            {
                attributes[name] = value;
            }
        }
        return attributes.Count > 0 ? new JsonObject { ["Attributes"] = attributes } : [];

        void Add(string name, long value)
        {
            if (wanted.Contains(name))
            {
                attributes[name] = value.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private async Task<JsonObject> SetQueueAttributesAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var requested = request.StringMap("Attributes");
        // A queue's type is fixed at creation.
        foreach (var name in requested.Keys.Where(n => QueueAttributes.Computed.Contains(n) || n == "FifoQueue"))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }
        var fifo = FifoAttributes.IsFifo(queue);
        var attributes = QueueAttributes.Validate(requested, DeadLetterTargetExists, fifo, DeadLetterIsFifo);
        var seconds = time.GetUtcNow().ToUnixTimeSeconds();
        await ChangeQueueAsync(request, queue.Name, existing =>
        {
            var changed = existing with { Attributes = Merged(existing.Attributes, attributes), LastModifiedTimestamp = seconds };
            if (fifo)
            {
                FifoAttributes.CheckCombination(n => QueueAttributes.Value(changed, n));
            }
            return changed;
        });
        return [];
    }

    private async Task<JsonObject> TagQueueAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var tags = request.StringMap("Tags");
        if (tags.Count == 0)
        {
            throw SqsErrors.InvalidParameterValue("The request must contain a non-empty map of tags.");
        }
        await ChangeQueueAsync(request, queue.Name, existing =>
        {
            var merged = Merged(existing.Tags, tags);
            return merged.Count > 50 ? throw SqsErrors.InvalidParameterValue("Too many tags added for queue " + queue.Name + ".") : existing with { Tags = merged };
        });
        return [];
    }

    /// <summary>The stored map with <paramref name="changes"/> set over it (SetQueueAttributes and TagQueue change only what they name).</summary>
    private static Dictionary<string, string> Merged(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> changes)
    {
        var merged = new Dictionary<string, string>(stored, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }
        return merged;
    }

    private async Task<JsonObject> UntagQueueAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var keys = request.Strings("TagKeys");
        if (keys.Count == 0)
        {
            throw SqsErrors.InvalidParameterValue("The request must contain a non-empty list of tag keys.");
        }
        await ChangeQueueAsync(request, queue.Name, existing =>
            existing with { Tags = existing.Tags.Where(t => !keys.Contains(t.Key)).ToDictionary(StringComparer.Ordinal) });
        return [];
    }

    private async Task<JsonObject> ListQueueTagsAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        return queue.Tags.Count == 0 ? [] : new JsonObject
        {
            ["Tags"] = new JsonObject([.. queue.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value)))]),
        };
    }

    private async Task<JsonObject> PurgeQueueAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        await store.PurgeAsync(queue.StoreKey);
        messages.Forget(queue, deleted: false);
        return [];
    }

    private Task ChangeQueueAsync(SqsRequest request, string name, Func<QueueRecord, QueueRecord> change) =>
        catalog.ChangeAsync(name, existing => existing is null
            ? throw SqsErrors.QueueDoesNotExist()
            : DocumentChange.Put(change(existing), true), request.Aborted);
}
