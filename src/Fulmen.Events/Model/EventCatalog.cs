using System.Collections.Concurrent;
using Fulmen.Events.Delivery;
using Fulmen.Patterns;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Model;

/// <summary>A rule as PutEvents uses it: the record, its compiled pattern (null for a schedule-only rule) and targets.</summary>
public sealed record RuleEntry(RuleRecord Record, EventPattern? Pattern, IReadOnlyList<DeliveryTarget> Targets)
{
    public static RuleEntry From(RuleRecord record) => new(record, Compile(record.EventPattern), [.. record.Targets.Select(DeliveryTarget.From)]);

    /// <summary>PutRule checked the pattern; one a later matcher refuses matches nothing rather than stop the server loading.</summary>
    private static EventPattern? Compile(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }
        try
        {
            return EventPattern.Parse(pattern, PatternDialect.EventBridge);
        }
        catch (InvalidPatternException)
        {
            return null;
        }
    }
}

/// <summary>
/// Every event bus and rule, one document each, held in memory so PutEvents matches without a database read.
/// Rules are keyed <c>bus/name</c>: names are unique per bus.
/// </summary>
public sealed class EventCatalog
{
    public const string DefaultBus = "default";

    private readonly DocumentView<EventBusRecord, EventBusRecord> _buses;
    private readonly DocumentView<RuleRecord, RuleEntry> _rules;
    private readonly ConcurrentDictionary<string, BusRules> _busRules = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    // Grows with every stored rule change (after the view holds it): a bus's rules built at an older version are rebuilt.
    private long _ruleVersion;

    public EventCatalog(IDocumentStore store, TimeProvider time)
    {
        _time = time;
        _buses = new(new DocumentCollection<EventBusRecord>(store, "events-bus", EventsJsonContext.Default.EventBusRecord), static (record, _) => record);
        _rules = new(new DocumentCollection<RuleRecord>(store, "events-rule", EventsJsonContext.Default.RuleRecord),
            static (record, _) => RuleEntry.From(record),
            (_, _, _) =>
            {
                Interlocked.Increment(ref _ruleVersion);
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>Loads buses and rules, and creates the <c>default</c> bus the first time.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _buses.LoadAsync(cancellationToken);
        await _rules.LoadAsync(cancellationToken);
        Interlocked.Increment(ref _ruleVersion);
        if (_buses.Find(DefaultBus) is null)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            await _buses.ChangeAsync(DefaultBus, existing => existing is null
                ? DocumentChange.Put(new EventBusRecord { Name = DefaultBus, CreationTime = now, LastModifiedTime = now }, true)
                : DocumentChange.Keep<EventBusRecord, bool>(false), cancellationToken);
        }
    }

    public static string RuleKey(string bus, string name) => $"{bus}/{name}";

    public ValueTask<EventBusRecord?> FindBusAsync(string name, CancellationToken cancellationToken = default) => _buses.GetAsync(name, cancellationToken);

    public IReadOnlyList<EventBusRecord> Buses => [.. _buses.Entries.OrderBy(b => b.Name, StringComparer.Ordinal)];

    public Task<(EventBusRecord? Bus, TResult Result)> ChangeBusAsync<TResult>(
        string name, Func<EventBusRecord?, DocumentChange<EventBusRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _buses.ChangeAsync(name, change, cancellationToken);

    public ValueTask<RuleEntry?> FindRuleAsync(string bus, string name, CancellationToken cancellationToken = default) =>
        _rules.GetAsync(RuleKey(bus, name), cancellationToken);

    /// <summary>The rules of one bus, by name.</summary>
    public IReadOnlyList<RuleEntry> Rules(string bus) => RulesOf(bus).Rules;

    /// <summary>One bus's rules and their pattern set, rebuilt after a rule changed; PutEvents reads it without a scan.</summary>
    public BusRules RulesOf(string bus)
    {
        var version = Interlocked.Read(ref _ruleVersion);
        if (_busRules.TryGetValue(bus, out var cached) && cached.Version == version)
        {
            return cached;
        }
        // Read the version before the rules: a change landing meanwhile leaves this one stale by version, so rebuilt next time.
        var built = new BusRules(version,
            [.. _rules.Entries.Where(r => r.Record.EventBusName == bus).OrderBy(r => r.Record.Name, StringComparer.Ordinal)]);
        if (built.Rules.Count == 0)
        {
            // Not kept: PutEvents to names that are no bus must not grow this.
            _busRules.TryRemove(bus, out _);
            return built;
        }
        _busRules[bus] = built;
        return built;
    }

    /// <summary>The hook for whoever fires schedules: enabled rules of any bus that carry a ScheduleExpression.</summary>
    public IReadOnlyList<RuleEntry> ScheduledRules =>
        [.. _rules.Entries.Where(r => r.Record.ScheduleExpression is not null && r.Record.IsEnabled)];

    public Task<(RuleEntry? Rule, TResult Result)> ChangeRuleAsync<TResult>(
        string bus, string name, Func<RuleRecord?, DocumentChange<RuleRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _rules.ChangeAsync(RuleKey(bus, name), change, cancellationToken);
}
