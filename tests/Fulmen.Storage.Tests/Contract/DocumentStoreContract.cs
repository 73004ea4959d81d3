using System.Text.Json.Nodes;
using Fulmen.Storage.Documents;

namespace Fulmen.Storage.Tests.Contract;

/// <summary><see cref="IDocumentStore"/>: versioned JSON documents, compare-and-swap writes, pages in ordinal id order.</summary>
public abstract class DocumentStoreContract : StorageContract
{
    private const string Functions = "functions";

    private IDocumentStore Documents => Backend.Documents;

    [Fact]
    public async Task WriteAsync_NewDocument_ReturnsVersionOneAndGetReturnsIt()
    {
        Assert.Equal(1, await Documents.WriteAsync(Functions, "f1", """{"name":"f1","memory":128}""", expectedVersion: 0));

        var stored = await Documents.GetAsync(Functions, "f1");

        Assert.NotNull(stored);
        Assert.Equal("f1", stored.Id);
        Assert.Equal(1, stored.Version);
        AssertJson("""{"name":"f1","memory":128}""", stored.Json);
    }

    [Fact]
    public async Task GetAsync_MissingDocument_ReturnsNull()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);

        Assert.Null(await Documents.GetAsync(Functions, "f2"));
        Assert.Null(await Documents.GetAsync("apis", "f1"));
    }

    [Fact]
    public async Task WriteAsync_CreateWhenItExists_ReturnsNullAndKeepsStoredJson()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);

        Assert.Null(await Documents.WriteAsync(Functions, "f1", """{"n":2}""", 0));

        var stored = await Documents.GetAsync(Functions, "f1");
        Assert.Equal(1, stored!.Version);
        AssertJson("""{"n":1}""", stored.Json);
    }

    [Fact]
    public async Task WriteAsync_WithStoredVersion_ReturnsNextVersionAndReplacesJson()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);

        Assert.Equal(2, await Documents.WriteAsync(Functions, "f1", """{"n":2}""", 1));
        Assert.Equal(3, await Documents.WriteAsync(Functions, "f1", """{"n":3}""", 2));

        var stored = await Documents.GetAsync(Functions, "f1");
        Assert.Equal(3, stored!.Version);
        AssertJson("""{"n":3}""", stored.Json);
    }

    [Fact]
    public async Task WriteAsync_WithStaleVersion_ReturnsNullAndKeepsStoredJson()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);
        await Documents.WriteAsync(Functions, "f1", """{"n":2}""", 1);

        Assert.Null(await Documents.WriteAsync(Functions, "f1", """{"n":"stale"}""", 1));
        Assert.Null(await Documents.WriteAsync(Functions, "f1", """{"n":"future"}""", 3));

        var stored = await Documents.GetAsync(Functions, "f1");
        Assert.Equal(2, stored!.Version);
        AssertJson("""{"n":2}""", stored.Json);
    }

    [Fact]
    public async Task WriteAsync_UpdateOfMissingDocument_ReturnsNullAndCreatesNothing()
    {
        Assert.Null(await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 1));

        Assert.Null(await Documents.GetAsync(Functions, "f1"));
    }

    [Fact]
    public async Task DeleteAsync_WithoutVersion_DeletesAndASecondDeleteReturnsFalse()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);
        await Documents.WriteAsync(Functions, "f1", """{"n":2}""", 1);

        Assert.True(await Documents.DeleteAsync(Functions, "f1"));

        Assert.Null(await Documents.GetAsync(Functions, "f1"));
        Assert.False(await Documents.DeleteAsync(Functions, "f1"));
    }

    [Fact]
    public async Task DeleteAsync_WithWrongVersion_ReturnsFalseAndKeepsDocument()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);
        await Documents.WriteAsync(Functions, "f1", """{"n":2}""", 1);

        Assert.False(await Documents.DeleteAsync(Functions, "f1", expectedVersion: 1));

        var stored = await Documents.GetAsync(Functions, "f1");
        Assert.Equal(2, stored!.Version);
        AssertJson("""{"n":2}""", stored.Json);
    }

    [Fact]
    public async Task DeleteAsync_WithStoredVersion_Deletes()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);
        await Documents.WriteAsync(Functions, "f1", """{"n":2}""", 1);

        Assert.True(await Documents.DeleteAsync(Functions, "f1", expectedVersion: 2));

        Assert.Null(await Documents.GetAsync(Functions, "f1"));
        Assert.False(await Documents.DeleteAsync(Functions, "f1", expectedVersion: 2));
    }

    [Fact]
    public async Task WriteAsync_CreateAfterDelete_StartsAgainAtVersionOne()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);
        await Documents.DeleteAsync(Functions, "f1");

        Assert.Equal(1, await Documents.WriteAsync(Functions, "f1", """{"n":"again"}""", 0));

        AssertJson("""{"n":"again"}""", (await Documents.GetAsync(Functions, "f1"))!.Json);
    }

    [Fact]
    public async Task ListAsync_ManyDocuments_PagesThroughAllInOrdinalIdOrder()
    {
        // Prefixes whose ordinal order ('-' < '0' < 'B' < 'Z' < '_' < 'a' < 'b') differs from a linguistic collation,
        // written in shuffled order so that insertion order cannot pass for id order.
        string[] prefixes = ["a", "B", "_", "-", "Z", "b", "0"];
        var ids = Enumerable.Range(0, 1234).Select(i => $"{prefixes[i % prefixes.Length]}{i}").ToArray();
        new Random(1234).Shuffle(ids);
        foreach (var id in ids)
        {
            Assert.Equal(1, await Documents.WriteAsync(Functions, id, $$"""{"id":"{{id}}"}""", 0));
        }

        var listed = new List<StoredDocument>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await Documents.ListAsync(Functions, after, limit: 100);
            pages++;
            Assert.InRange(page.Documents.Count, 1, 100);
            Assert.Equal(page.Next is null ? null : page.Documents[^1].Id, page.Next);
            listed.AddRange(page.Documents);
            after = page.Next;
        }
        while (after is not null && pages < 100);

        Assert.Equal(13, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(d => d.Id));
        Assert.All(listed, d => AssertJson($$"""{"id":"{{d.Id}}"}""", d.Json));
        Assert.All(listed, d => Assert.Equal(1, d.Version));
    }

    [Fact]
    public async Task ListAsync_LastPageExactlyFull_HasNullNext()
    {
        foreach (var id in new[] { "d", "b", "c", "a" })
        {
            await Documents.WriteAsync(Functions, id, """{}""", 0);
        }

        var first = await Documents.ListAsync(Functions, after: null, limit: 2);
        var second = await Documents.ListAsync(Functions, first.Next, limit: 2);
        var whole = await Documents.ListAsync(Functions, after: null, limit: 4);

        Assert.Equal(["a", "b"], first.Documents.Select(d => d.Id));
        Assert.Equal("b", first.Next);
        Assert.Equal(["c", "d"], second.Documents.Select(d => d.Id));
        Assert.Null(second.Next);
        Assert.Equal(4, whole.Documents.Count);
        Assert.Null(whole.Next);
    }

    [Fact]
    public async Task ListAsync_EmptyCollection_ReturnsNoDocumentsAndNullNext()
    {
        var page = await Documents.ListAsync(Functions, after: null, limit: 10);

        Assert.Empty(page.Documents);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ListAsync_OtherCollections_AreNotMixedIn()
    {
        foreach (var id in new[] { "a", "c", "e" })
        {
            await Documents.WriteAsync(Functions, id, $$"""{"in":"functions","id":"{{id}}"}""", 0);
        }
        foreach (var id in new[] { "a", "b", "d", "f" })
        {
            await Documents.WriteAsync("functionz", id, """{"in":"functionz"}""", 0);
            await Documents.WriteAsync("function", id, """{"in":"function"}""", 0);
        }
        await Documents.WriteAsync("function", "a", """{"in":"function","n":2}""", 1);

        var page = await Documents.ListAsync(Functions, after: null, limit: 10);
        var afterA = await Documents.ListAsync(Functions, after: "a", limit: 1);

        Assert.Equal(["a", "c", "e"], page.Documents.Select(d => d.Id));
        Assert.All(page.Documents, d => AssertJson($$"""{"in":"functions","id":"{{d.Id}}"}""", d.Json));
        Assert.All(page.Documents, d => Assert.Equal(1, d.Version));
        Assert.Equal("c", Assert.Single(afterA.Documents).Id);
        Assert.Equal(2, (await Documents.GetAsync("function", "a"))!.Version);
        Assert.Equal(1, (await Documents.GetAsync(Functions, "a"))!.Version);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentReadModifyWriteLoops_LoseNoIncrement()
    {
        await Documents.WriteAsync(Functions, "counter", """{"count":0}""", 0);

        var conflicts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(IncrementAsync)));

        var stored = await Documents.GetAsync(Functions, "counter");
        Assert.Equal(20, JsonNode.Parse(stored!.Json)!["count"]!.GetValue<int>());
        Assert.Equal(21, stored.Version);
        Assert.All(conflicts, c => Assert.InRange(c, 0, 1000));
    }

    [Fact]
    public async Task GetAsync_AfterReopen_ReturnsTheDocumentAsWritten()
    {
        await Documents.WriteAsync(Functions, "f1", """{"n":1}""", 0);
        await Documents.WriteAsync(Functions, "f1", """{"n":2,"tags":{"team":"α"}}""", 1);
        await Documents.WriteAsync(Functions, "gone", """{}""", 0);
        await Documents.DeleteAsync(Functions, "gone");

        await ReopenAsync();

        var stored = await Documents.GetAsync(Functions, "f1");
        Assert.Equal(2, stored!.Version);
        AssertJson("""{"n":2,"tags":{"team":"α"}}""", stored.Json);
        Assert.Null(await Documents.GetAsync(Functions, "gone"));
        Assert.Equal(3, await Documents.WriteAsync(Functions, "f1", """{"n":3}""", 2));
    }

    /// <summary>Adds one to the counter, reading again after every conflict; returns how many conflicts it met.</summary>
    private async Task<int> IncrementAsync()
    {
        for (var conflicts = 0; conflicts <= 1000; conflicts++)
        {
            var stored = await Documents.GetAsync(Functions, "counter");
            var count = JsonNode.Parse(stored!.Json)!["count"]!.GetValue<int>();
            if (await Documents.WriteAsync(Functions, "counter", $$"""{"count":{{count + 1}}}""", stored.Version) is not null)
            {
                return conflicts;
            }
        }
        throw new InvalidOperationException("The counter kept conflicting.");
    }

    [Fact]
    public async Task WriteBatchAsync_MixedWrites_EachDecidedOnItsOwn()
    {
        await Documents.WriteAsync(Functions, "updated", """{"n":1}""", 0);
        await Documents.WriteAsync(Functions, "stale", """{"n":1}""", 0);
        await Documents.WriteAsync(Functions, "stale", """{"n":2}""", 1);
        await Documents.WriteAsync(Functions, "deleted", """{"n":1}""", 0);
        await Documents.WriteAsync("apis", "exists", """{"n":1}""", 0);

        var applied = await Documents.WriteBatchAsync(
        [
            new DocumentWrite(Functions, "updated", """{"n":2}""", 1),
            new DocumentWrite(Functions, "stale", """{"n":9}""", 1),
            new DocumentWrite(Functions, "deleted", null, 1),
            new DocumentWrite(Functions, "created", """{"n":1}""", 0),
            new DocumentWrite("apis", "exists", """{"n":9}""", 0),
            new DocumentWrite(Functions, "missing", null, 1),
        ]);

        Assert.Equal([true, false, true, true, false, false], applied);
        var updated = await Documents.GetAsync(Functions, "updated");
        Assert.Equal(2, updated!.Version);
        AssertJson("""{"n":2}""", updated.Json);
        AssertJson("""{"n":2}""", (await Documents.GetAsync(Functions, "stale"))!.Json);
        Assert.Null(await Documents.GetAsync(Functions, "deleted"));
        Assert.Equal(1, (await Documents.GetAsync(Functions, "created"))!.Version);
        AssertJson("""{"n":1}""", (await Documents.GetAsync("apis", "exists"))!.Json);
        Assert.Empty(await Documents.WriteBatchAsync([]));
    }

    /// <summary>Stores may normalise JSON text (PostgreSQL's jsonb does), so documents are compared as JSON.</summary>
    internal static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}, got {actual}");
}
