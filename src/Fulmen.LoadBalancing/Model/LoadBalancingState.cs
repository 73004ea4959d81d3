using System.Text.Json.Serialization.Metadata;
using Fulmen.Storage.Documents;

namespace Fulmen.LoadBalancing.Model;

/// <summary>
/// Load balancers, target groups and listeners: one document each, held in memory for the request path. Readers see
/// immutable records; control-plane changes are rare, so the API serializes them with <see cref="Changes"/> (checks
/// across resources, such as a name already taken, need the whole set to stand still).
/// </summary>
public sealed class LoadBalancingState(IDocumentStore store)
{
    private readonly DocumentView<LoadBalancerRecord, LoadBalancerRecord> _loadBalancers =
        View(store, "elbv2-loadbalancer", LoadBalancingJsonContext.Default.LoadBalancerRecord);
    private readonly DocumentView<TargetGroupRecord, TargetGroupRecord> _targetGroups =
        View(store, "elbv2-targetgroup", LoadBalancingJsonContext.Default.TargetGroupRecord);
    private readonly DocumentView<ListenerRecord, ListenerRecord> _listeners =
        View(store, "elbv2-listener", LoadBalancingJsonContext.Default.ListenerRecord);

    /// <summary>Held by the API while it checks and changes state, so two requests cannot both create the same name.</summary>
    public SemaphoreSlim Changes { get; } = new(1, 1);

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _loadBalancers.LoadAsync(cancellationToken);
        await _targetGroups.LoadAsync(cancellationToken);
        await _listeners.LoadAsync(cancellationToken);
    }

    public IReadOnlyList<LoadBalancerRecord> LoadBalancers => [.. _loadBalancers.Entries.OrderBy(r => r.CreatedTime)];
    public IReadOnlyList<TargetGroupRecord> TargetGroups => [.. _targetGroups.Entries.OrderBy(r => r.Name, StringComparer.Ordinal)];
    public IReadOnlyList<ListenerRecord> Listeners => [.. _listeners.Entries.OrderBy(r => r.Port)];

    public LoadBalancerRecord? LoadBalancer(string arn) => _loadBalancers.Find(Id(arn));
    public TargetGroupRecord? TargetGroup(string arn) => _targetGroups.Find(Id(arn));
    public ListenerRecord? Listener(string arn) => _listeners.Find(Id(arn));

    public Task PutAsync(LoadBalancerRecord record) => PutAsync(_loadBalancers, record.Arn, record);
    public Task PutAsync(TargetGroupRecord record) => PutAsync(_targetGroups, record.Arn, record);
    public Task PutAsync(ListenerRecord record) => PutAsync(_listeners, record.Arn, record);

    public Task DeleteLoadBalancerAsync(string arn) => DeleteAsync(_loadBalancers, arn);
    public Task DeleteTargetGroupAsync(string arn) => DeleteAsync(_targetGroups, arn);
    public Task DeleteListenerAsync(string arn) => DeleteAsync(_listeners, arn);

    private static DocumentView<T, T> View<T>(IDocumentStore store, string kind, JsonTypeInfo<T> type) where T : class =>
        new(new DocumentCollection<T>(store, kind, type), static (record, _) => record);

    private static Task PutAsync<T>(DocumentView<T, T> view, string arn, T record) where T : class =>
        view.ChangeAsync(Id(arn), _ => DocumentChange.Put(record, true));

    private static Task DeleteAsync<T>(DocumentView<T, T> view, string arn) where T : class =>
        view.ChangeAsync(Id(arn), _ => DocumentChange.Delete<T, bool>(true));

    /// <summary>ARNs hold slashes and colons; the store's ids need not, so the part after the resource type is the id.</summary>
    private static string Id(string arn) => arn[(arn.LastIndexOf(':') + 1)..].Replace('/', '_');
}
