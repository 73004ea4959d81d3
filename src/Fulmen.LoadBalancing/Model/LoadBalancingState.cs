using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fulmen.Storage.Resources;

namespace Fulmen.LoadBalancing.Model;

/// <summary>
/// Load balancers, target groups and listeners: held in memory for the request path, written through to the
/// resource store. Control-plane changes are rare, so one lock serializes them; readers see immutable records.
/// </summary>
public sealed class LoadBalancingState(IResourceStore store)
{
    private const string LoadBalancerKind = "elbv2-loadbalancer";
    private const string TargetGroupKind = "elbv2-targetgroup";
    private const string ListenerKind = "elbv2-listener";

    private readonly Dictionary<string, LoadBalancerRecord> _loadBalancers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetGroupRecord> _targetGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListenerRecord> _listeners = new(StringComparer.Ordinal);
    private readonly Lock _read = new();

    /// <summary>Held by the API while it checks and changes state, so two requests cannot both create the same name.</summary>
    public SemaphoreSlim Changes { get; } = new(1, 1);

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        foreach (var item in await store.ListAsync(LoadBalancerKind, cancellationToken))
        {
            var record = JsonSerializer.Deserialize(item.Document, LoadBalancingJsonContext.Default.LoadBalancerRecord)!;
            _loadBalancers[record.Arn] = record;
        }
        foreach (var item in await store.ListAsync(TargetGroupKind, cancellationToken))
        {
            var record = JsonSerializer.Deserialize(item.Document, LoadBalancingJsonContext.Default.TargetGroupRecord)!;
            _targetGroups[record.Arn] = record;
        }
        foreach (var item in await store.ListAsync(ListenerKind, cancellationToken))
        {
            var record = JsonSerializer.Deserialize(item.Document, LoadBalancingJsonContext.Default.ListenerRecord)!;
            _listeners[record.Arn] = record;
        }
    }

    public IReadOnlyList<LoadBalancerRecord> LoadBalancers { get { lock (_read) { return [.. _loadBalancers.Values.OrderBy(r => r.CreatedTime)]; } } }
    public IReadOnlyList<TargetGroupRecord> TargetGroups { get { lock (_read) { return [.. _targetGroups.Values.OrderBy(r => r.Name, StringComparer.Ordinal)]; } } }
    public IReadOnlyList<ListenerRecord> Listeners { get { lock (_read) { return [.. _listeners.Values.OrderBy(r => r.Port)]; } } }

    public LoadBalancerRecord? LoadBalancer(string arn) { lock (_read) { return _loadBalancers.GetValueOrDefault(arn); } }
    public TargetGroupRecord? TargetGroup(string arn) { lock (_read) { return _targetGroups.GetValueOrDefault(arn); } }
    public ListenerRecord? Listener(string arn) { lock (_read) { return _listeners.GetValueOrDefault(arn); } }

    public Task PutAsync(LoadBalancerRecord record) => PutAsync(_loadBalancers, LoadBalancerKind, record.Arn, record, LoadBalancingJsonContext.Default.LoadBalancerRecord);
    public Task PutAsync(TargetGroupRecord record) => PutAsync(_targetGroups, TargetGroupKind, record.Arn, record, LoadBalancingJsonContext.Default.TargetGroupRecord);
    public Task PutAsync(ListenerRecord record) => PutAsync(_listeners, ListenerKind, record.Arn, record, LoadBalancingJsonContext.Default.ListenerRecord);

    public Task DeleteLoadBalancerAsync(string arn) => DeleteAsync(_loadBalancers, LoadBalancerKind, arn);
    public Task DeleteTargetGroupAsync(string arn) => DeleteAsync(_targetGroups, TargetGroupKind, arn);
    public Task DeleteListenerAsync(string arn) => DeleteAsync(_listeners, ListenerKind, arn);

    private async Task PutAsync<T>(Dictionary<string, T> map, string kind, string arn, T record, JsonTypeInfo<T> type)
    {
        await store.PutAsync(kind, Id(arn), JsonSerializer.Serialize(record, type));
        lock (_read)
        {
            map[arn] = record;
        }
    }

    private async Task DeleteAsync<T>(Dictionary<string, T> map, string kind, string arn)
    {
        await store.DeleteAsync(kind, Id(arn));
        lock (_read)
        {
            map.Remove(arn);
        }
    }

    /// <summary>ARNs hold slashes and colons; the store's ids need not, so the part after the resource type is the id.</summary>
    private static string Id(string arn) => arn[(arn.LastIndexOf(':') + 1)..].Replace('/', '_');
}
