using System.Collections.Concurrent;
using Fulmen.Storage.Documents;

namespace Fulmen.Topics.Model;

/// <summary>
/// Every topic and subscription, one document each, held in memory so Publish fans out without a database read.
/// A topic's subscriptions are kept as one list per topic, rebuilt after any subscription changed.
/// </summary>
public sealed class TopicCatalog
{
    private readonly DocumentView<TopicRecord, TopicRecord> _topics;
    private readonly DocumentView<SubscriptionRecord, SubscriptionEntry> _subscriptions;
    private readonly ConcurrentDictionary<string, (long Version, IReadOnlyList<SubscriptionEntry> Entries)> _byTopic = new(StringComparer.Ordinal);
    private long _version;

    public TopicCatalog(IDocumentStore store)
    {
        _topics = new(new DocumentCollection<TopicRecord>(store, "sns-topic", TopicsJsonContext.Default.TopicRecord), static (record, _) => record);
        _subscriptions = new(new DocumentCollection<SubscriptionRecord>(store, "sns-subscription", TopicsJsonContext.Default.SubscriptionRecord),
            static (record, _) => SubscriptionEntry.From(record),
            (_, _, _) =>
            {
                Interlocked.Increment(ref _version);
                return ValueTask.CompletedTask;
            });
    }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _topics.LoadAsync(cancellationToken);
        await _subscriptions.LoadAsync(cancellationToken);
        Interlocked.Increment(ref _version);
    }

    public TopicRecord? FindTopic(string name) => _topics.Find(name);

    public ValueTask<TopicRecord?> FindTopicAsync(string name, CancellationToken cancellationToken = default) => _topics.GetAsync(name, cancellationToken);

    public IReadOnlyList<TopicRecord> Topics => [.. _topics.Entries.OrderBy(t => t.Name, StringComparer.Ordinal)];

    public Task<(TopicRecord? Topic, TResult Result)> ChangeTopicAsync<TResult>(
        string name, Func<TopicRecord?, DocumentChange<TopicRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _topics.ChangeAsync(name, change, cancellationToken);

    public ValueTask<SubscriptionEntry?> FindSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        _subscriptions.GetAsync(id, cancellationToken);

    public SubscriptionEntry? FindSubscription(string id) => _subscriptions.Find(id);

    /// <summary>Every subscription, by topic, then by id.</summary>
    public IReadOnlyList<SubscriptionEntry> Subscriptions =>
        [.. _subscriptions.Entries.OrderBy(s => s.Record.TopicName, StringComparer.Ordinal).ThenBy(s => s.Record.Id, StringComparer.Ordinal)];

    public Task<(SubscriptionEntry? Subscription, TResult Result)> ChangeSubscriptionAsync<TResult>(
        string id, Func<SubscriptionRecord?, DocumentChange<SubscriptionRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _subscriptions.ChangeAsync(id, change, cancellationToken);

    /// <summary>One topic's subscriptions (confirmed or not), by id; cached until a subscription changes.</summary>
    public IReadOnlyList<SubscriptionEntry> SubscriptionsOf(string topic)
    {
        var version = Interlocked.Read(ref _version);
        if (_byTopic.TryGetValue(topic, out var cached) && cached.Version == version)
        {
            return cached.Entries;
        }
        IReadOnlyList<SubscriptionEntry> built =
            [.. _subscriptions.Entries.Where(s => s.Record.TopicName == topic).OrderBy(s => s.Record.Id, StringComparer.Ordinal)];
        if (built.Count == 0)
        {
            _byTopic.TryRemove(topic, out _);
            return built;
        }
        _byTopic[topic] = (version, built);
        return built;
    }
}
