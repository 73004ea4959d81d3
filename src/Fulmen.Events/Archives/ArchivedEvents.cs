using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Archives;

/// <summary>
/// The events an archive keeps: one document each in the archive's collection, with an id that sorts by the event's
/// <c>time</c> (<c>{milliseconds:D15}-{event id}</c>), so a replay reads a time range in order and retention deletes from
/// the front. Counts and sizes (EventCount, SizeBytes) are held per collection in memory, read from the store the first
/// time they are asked for.
/// </summary>
public sealed class ArchivedEvents(IDocumentStore store, TimeProvider time)
{
    private const int PageSize = 200;
    private readonly ConcurrentDictionary<string, Stats> _stats = new(StringComparer.Ordinal);

    public static string Key(long milliseconds, string eventId) =>
        $"{milliseconds.ToString("D15", CultureInfo.InvariantCulture)}-{eventId}";

    /// <summary>The event time (milliseconds) an id sorts by.</summary>
    public static long TimeOf(string id) =>
        long.TryParse(id.AsSpan(0, Math.Min(15, id.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;

    /// <summary>Stores one event; done when durable. The same event (id) archived twice is stored once.</summary>
    public async Task AddAsync(ArchiveRecord archive, JsonElement envelope, string envelopeJson, CancellationToken cancellationToken)
    {
        var eventId = envelope.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
        var at = envelope.TryGetProperty("time", out var when) && DateTimeOffset.TryParse(when.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : time.GetUtcNow();
        var written = await store.WriteAsync(archive.EventsCollection, Key(at.ToUnixTimeMilliseconds(), eventId), envelopeJson, 0, cancellationToken);
        if (written is not null && _stats.TryGetValue(archive.EventsCollection, out var stats))
        {
            stats.Add(1, Encoding.UTF8.GetByteCount(envelopeJson));
        }
    }

    /// <summary>A page of events after <paramref name="after"/>, in time order.</summary>
    public async Task<(IReadOnlyList<StoredDocument> Events, string? Next)> PageAsync(string collection, string? after, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(collection, after, PageSize, cancellationToken);
        return (page.Documents, page.Next);
    }

    /// <summary>EventCount and SizeBytes of an archive.</summary>
    public async Task<(long Count, long Bytes)> StatsAsync(string collection, CancellationToken cancellationToken)
    {
        if (!_stats.TryGetValue(collection, out var stats))
        {
            var counted = new Stats();
            string? after = null;
            do
            {
                var page = await store.ListAsync(collection, after, PageSize, cancellationToken);
                counted.Add(page.Documents.Count, page.Documents.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Json)));
                after = page.Next;
            }
            while (after is not null);
            stats = _stats.GetOrAdd(collection, counted);
        }
        return (stats.Count, stats.Bytes);
    }

    /// <summary>Deletes the events with a time before <paramref name="before"/> (all when null); returns how many.</summary>
    public async Task<int> DeleteAsync(string collection, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var cutoff = before is { } at ? Key(at.ToUnixTimeMilliseconds(), "") : null;
        var deleted = 0;
        while (true)
        {
            var page = await store.ListAsync(collection, null, PageSize, cancellationToken);
            var expired = page.Documents.TakeWhile(d => cutoff is null || string.CompareOrdinal(d.Id, cutoff) < 0).ToList();
            foreach (var document in expired)
            {
                if (await store.DeleteAsync(collection, document.Id, cancellationToken: cancellationToken) && _stats.TryGetValue(collection, out var stats))
                {
                    stats.Add(-1, -Encoding.UTF8.GetByteCount(document.Json));
                }
                deleted++;
            }
            if (expired.Count < PageSize)
            {
                return deleted;
            }
        }
    }

    public void Forget(string collection) => _stats.TryRemove(collection, out _);

    private sealed class Stats
    {
        private long _count;
        private long _bytes;

        public long Count => Interlocked.Read(ref _count);

        public long Bytes => Interlocked.Read(ref _bytes);

        public void Add(long count, long bytes)
        {
            Interlocked.Add(ref _count, count);
            Interlocked.Add(ref _bytes, bytes);
        }
    }
}
