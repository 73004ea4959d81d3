using Fulmen.Storage.Documents;

namespace Fulmen.Storage.Tests.Contract;

/// <summary>
/// <see cref="DocumentCollection{T}.ChangeAsync"/> and <see cref="DocumentView{T, TEntry}"/> on a real store: two views
/// over the same store stand for two nodes, and every change is one mutation that re-reads what is stored.
/// </summary>
public abstract class DocumentViewContract : StorageContract
{
    private const string Collection = "counters";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>Changes each view saw: (id, previous count, new count).</summary>
    private readonly List<(string Id, int? Previous, int? Current)> _changes = [];

    [Fact]
    public async Task ChangeAsync_ThroughTwoViewsInTurn_BothLandAndEachViewHoldsItsOwnChange()
    {
        var (a, b) = (View(), View());

        var (created, _) = await a.ChangeAsync("c1", Increment("c1"));
        var (throughB, _) = await b.ChangeAsync("c1", Increment("c1")); // B never loaded: it reads the store
        var (throughA, _) = await a.ChangeAsync("c1", Increment("c1")); // A holds version 1: the store has 2

        Assert.Equal((1, 2, 3), (created!.Record.Count, throughB!.Record.Count, throughA!.Record.Count));
        Assert.Equal(3, a.Find("c1")!.Record.Count);
        Assert.Equal(2, b.Find("c1")!.Record.Count);
        Assert.Equal((3L, 3), await StoredAsync("c1"));
    }

    [Fact]
    public async Task ChangeAsync_ConcurrentChangesThroughTwoViews_NoneIsLost()
    {
        var (a, b) = (View(), View());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).ChangeAsync("c1", Increment("c1")))));

        Assert.Equal((20L, 20), await StoredAsync("c1"));
        Assert.Equal(20, Math.Max(a.Find("c1")!.Record.Count, b.Find("c1")!.Record.Count));
    }

    [Fact]
    public async Task ChangeAsync_ConcurrentChangesThroughOneView_AreAppliedOneAtATimeAndMemoryEndsAsStored()
    {
        var view = View();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => view.ChangeAsync("c1", Increment("c1")))));

        Assert.Equal((20L, 20), await StoredAsync("c1"));
        Assert.Equal(20, view.Find("c1")!.Record.Count);
        Assert.Equal(20, view.Find("c1")!.Projections);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => ("c1", i == 0 ? null : (int?)i, (int?)(i + 1))), _changes);
    }

    [Fact]
    public async Task ChangeAsync_ConcurrentChangesThroughCollections_NoneIsLost()
    {
        var collections = Enumerable.Range(0, 4).Select(_ => NewCollection()).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => collections[i % 4].ChangeAsync("c1", Increment("c1")))));

        Assert.Equal((20L, 20), await StoredAsync("c1"));
        Assert.Equal(Enumerable.Range(1, 20), results.Select(r => r.Document!.Value.Count).Order());
        Assert.All(results, r => Assert.Equal(r.Document!.Version, r.Document.Value.Count));
    }

    [Fact]
    public async Task ChangeAsync_ChangeThrows_LeavesMemoryAndStoreAsTheyWere()
    {
        var view = View();
        var (before, _) = await view.ChangeAsync("c1", Increment("c1"));
        _changes.Clear();

        await Assert.ThrowsAsync<InvalidOperationException>(() => view.ChangeAsync<bool>("c1", _ => throw new InvalidOperationException("stale revision")));

        Assert.Same(before, view.Find("c1"));
        Assert.Equal((1L, 1), await StoredAsync("c1"));
        Assert.Empty(_changes);
        var (after, _) = await view.ChangeAsync("c1", Increment("c1")).WaitAsync(Guard); // the id's lock was let go
        Assert.Equal(2, after!.Record.Count);
    }

    [Fact]
    public async Task GetAsync_DocumentAnotherViewCreated_IsReadFromTheStoreAndHeld()
    {
        var (a, b) = (View(), View());
        await a.ChangeAsync("c1", Increment("c1"));

        Assert.Null(b.Find("c1"));
        var found = await b.GetAsync("c1");

        Assert.Equal(new Counter("c1", 1), found!.Record);
        Assert.Same(found, b.Find("c1"));
        Assert.Null(await b.GetAsync("missing"));
        Assert.Null(b.Find("missing"));
    }

    [Fact]
    public async Task ChangeAsync_Delete_RemovesTheEntryAndTheDocument()
    {
        var view = View();
        await view.ChangeAsync("c1", Increment("c1"));
        await view.ChangeAsync("c2", Increment("c2"));

        var (entry, result) = await view.ChangeAsync("c1", static _ => DocumentChange.Delete<Counter, string>("deleted"));

        Assert.Null(entry);
        Assert.Equal("deleted", result);
        Assert.Null(view.Find("c1"));
        Assert.Null(await Backend.Documents.GetAsync(Collection, "c1"));
        Assert.Equal(["c2"], view.Entries.Select(e => e.Record.Name));
        Assert.Equal(("c1", (int?)1, (int?)null), _changes[^1]);
    }

    [Fact]
    public async Task ChangeAsync_DeleteOfMissing_ReturnsNullAndWritesNothing()
    {
        var view = View();

        var (entry, result) = await view.ChangeAsync("c1", static current => DocumentChange.Delete<Counter, bool>(current is null));

        Assert.Null(entry);
        Assert.True(result);
        Assert.Empty(_changes);
        Assert.Null(await Backend.Documents.GetAsync(Collection, "c1"));
    }

    [Fact]
    public async Task ChangeAsync_Keep_ReturnsTheEntryAndResultWithoutWriting()
    {
        var view = View();
        var (held, _) = await view.ChangeAsync("c1", Increment("c1"));
        _changes.Clear();

        var (entry, result) = await view.ChangeAsync("c1", static current => DocumentChange.Keep<Counter, int>(current!.Count * 10));

        Assert.Same(held, entry);
        Assert.Equal(10, result);
        Assert.Empty(_changes);
        Assert.Equal((1L, 1), await StoredAsync("c1"));
    }

    [Fact]
    public async Task ChangeAsync_EachStoredChange_ProjectsFromThePreviousEntryAndReportsIt()
    {
        var view = View();

        await view.ChangeAsync("c1", Increment("c1"));
        await view.ChangeAsync("c1", Increment("c1"));
        var (entry, _) = await view.ChangeAsync("c1", Increment("c1"));

        Assert.Equal(3, entry!.Projections);
        Assert.Equal(new (string, int?, int?)[] { ("c1", null, 1), ("c1", 1, 2), ("c1", 2, 3) }, _changes);
    }

    [Fact]
    public async Task LoadAsync_StoredDocuments_AreHeldInMemory()
    {
        var collection = NewCollection();
        for (var i = 0; i < 600; i++) // more than one page of the collection's listing
        {
            await collection.TryWriteAsync($"c{i:D3}", new Counter($"c{i:D3}", i), 0);
        }
        await collection.TryWriteAsync("c007", new Counter("c007", 70), 1);

        var view = View();
        await view.LoadAsync();

        Assert.Equal(600, view.Entries.Count);
        Assert.Equal(70, view.Find("c007")!.Record.Count);
        Assert.Equal(599, view.Find("c599")!.Record.Count);
        var (changed, _) = await view.ChangeAsync("c007", Increment("c007"));
        Assert.Equal(71, changed!.Record.Count);
        Assert.Equal((3L, 71), await StoredAsync("c007"));
    }

    /// <summary>Adds one to the counter, creating it at 1.</summary>
    private static Func<Counter?, DocumentChange<Counter, bool>> Increment(string id) =>
        current => DocumentChange.Put(current is null ? new Counter(id, 1) : current with { Count = current.Count + 1 }, true);

    private DocumentCollection<Counter> NewCollection() => new(Backend.Documents, Collection, ContractJson.Default.Counter);

    /// <summary>A view as one node would hold it: its own collection object and memory over the shared store.</summary>
    private DocumentView<Counter, Entry> View() => new(NewCollection(),
        static (record, previous) => new Entry(record, (previous?.Projections ?? 0) + 1),
        async (id, previous, current) =>
        {
            await Task.Yield(); // as a real listener does asynchronous work; the id's lock is still held
            lock (_changes)
            {
                _changes.Add((id, previous?.Record.Count, current?.Record.Count));
            }
        });

    private async Task<(long Version, int Count)> StoredAsync(string id) =>
        await NewCollection().GetAsync(id) is { } stored ? (stored.Version, stored.Value.Count) : (0, -1);

    /// <summary>What a view holds per document: the record, and how many projections led to it in this view.</summary>
    private sealed record Entry(Counter Record, int Projections);
}
