using Fulmen.Storage.Code;
using Fulmen.Storage.Tests.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.Code;

/// <summary>The store's side of a refused package: the error carries AWS's message, and neither the zip nor a directory is kept.</summary>
public sealed class CodeStoreTests : IAsyncLifetime
{
    private readonly SqliteTestData _data = new();
    private StorageBackend? _backend;
    private CodeStore? _store;

    private CodeStore Store => _store!;

    private string CodeDirectory => Path.Combine(_data.Directory, "code");

    public async Task InitializeAsync()
    {
        _backend = await _data.OpenAsync(new FakeTimeProvider());
        _store = new CodeStore(_data.Directory, _backend.Blobs);
    }

    public async Task DisposeAsync()
    {
        foreach (var directory in Directory.EnumerateDirectories(CodeDirectory))
        {
            PackageDirectories.Delete(directory);
        }
        await _backend!.DisposeAsync();
        await _data.DeleteAsync();
    }

    [Fact]
    public async Task Save_HostilePackage_RefusedWithNothingKept()
    {
        var zip = TestZips.Create(ZipItem.File("index.js"), ZipItem.File("../escaped.js"));

        var error = await Assert.ThrowsAsync<InvalidCodePackageException>(() => Store.SaveAsync(new MemoryStream(zip)));

        Assert.Equal("Could not unzip uploaded file. Please check your file, then try to upload again.", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(CodeDirectory));
        Assert.False(File.Exists(Path.Combine(_data.Directory, "escaped.js")));
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(zip));
        Assert.Null(await _backend!.Blobs.GetInfoAsync(key));
    }

    [Fact]
    public async Task Save_GoodPackageAfterAHostileOne_UnpackedAndFound()
    {
        await Assert.ThrowsAsync<InvalidCodePackageException>(() => Store.SaveAsync(new MemoryStream(TestZips.Create(ZipItem.File("a"), ZipItem.File("a/b")))));

        var package = await Store.SaveAsync(new MemoryStream(TestZips.Create(ZipItem.File("index.js", "exports.handler = 1"))));

        Assert.Equal(package.Directory, Store.Find(package.CodeSha256));
        Assert.Equal("exports.handler = 1", File.ReadAllText(Path.Combine(package.Directory, "index.js")));
        Assert.Equal([package.Directory], Directory.EnumerateFileSystemEntries(CodeDirectory));
    }

    [Fact]
    public async Task Save_OverTheZippedLimit_TooLarge()
    {
        var store = new CodeStore(_data.Directory, _backend!.Blobs, new CodePackageLimits { MaxZippedBytes = 100 });

        var error = await Assert.ThrowsAsync<InvalidCodePackageException>(() => store.SaveAsync(new MemoryStream(new byte[101])));

        Assert.True(error.TooLarge);
        Assert.Equal("Zipped size must be smaller than 100 bytes", error.Message);
    }
}
