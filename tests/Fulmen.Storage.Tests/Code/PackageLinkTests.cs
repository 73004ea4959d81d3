using Fulmen.Storage.Code;

namespace Fulmen.Storage.Tests.Code;

/// <summary>
/// Symbolic links are kept, as AWS keeps them, when they point inside the package; one that could lead outside it
/// (absolute, climbing above the root, or through another link) refuses the package, and no entry is written through one.
/// </summary>
public sealed class PackageLinkTests : UnpackScratch
{
    private void Unpack(params ZipItem[] items) => Unpack(TestZips.Create(items));

    [Fact]
    public void Unpack_LinksInsideThePackage_KeptAsLinks()
    {
        Unpack(ZipItem.File("lib/real.js", "module.exports = 1"), ZipItem.Link("index.js", "lib/real.js"), ZipItem.Link("lib/self", "."),
            ZipItem.Link("lib/up.js", "../lib/real.js"), ZipItem.Link("chain.js", "index.js"), ZipItem.Link("dangling", "missing/file"));

        Assert.Equal("lib/real.js", new FileInfo(Path.Combine(Destination, "index.js")).LinkTarget);
        Assert.Equal("module.exports = 1", File.ReadAllText(Path.Combine(Destination, "chain.js")));
        Assert.Equal("module.exports = 1", File.ReadAllText(Path.Combine(Destination, "lib/up.js")));
        Assert.Equal(".", new FileInfo(Path.Combine(Destination, "lib/self")).LinkTarget);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/")]
    [InlineData("..")]
    [InlineData("../../outside")]
    [InlineData("lib/../../outside")]
    [InlineData("lib/../..")]
    public void Unpack_LinkPointingOutside_CouldNotUnzip(string target) => AssertRefused(ZipItem.File("lib/a.js"), ZipItem.Link("escape", target));

    [Fact]
    public void Unpack_LinkClimbingThroughAnotherLink_CouldNotUnzip() =>
        // d/l is the root itself; "d/l/.." would be the root's parent, though its text looks like "d".
        AssertRefused(ZipItem.File("d/a.js"), ZipItem.Link("d/l", ".."), ZipItem.Link("m", "d/l/.."));

    [Theory]
    [InlineData("link/evil.js")]
    [InlineData("link/")]
    public void Unpack_EntryBelowALink_CouldNotUnzip(string name) =>
        AssertRefused(ZipItem.Link("link", "lib"), ZipItem.File("lib/a.js"), name.EndsWith('/') ? ZipItem.Directory(name) : ZipItem.File(name));

    [Fact]
    public void Unpack_LinkAndFileOfTheSameName_CouldNotUnzip() =>
        AssertRefused(ZipItem.File("lib/a.js"), ZipItem.Link("a.js", "lib/a.js"), ZipItem.File("a.js"));

    private void AssertRefused(params ZipItem[] items)
    {
        var error = Assert.Throws<InvalidCodePackageException>(() => Unpack(items));
        Assert.Equal("Could not unzip uploaded file. Please check your file, then try to upload again.", error.Message);
        Assert.Equal([Path.Combine(Root, "code")], Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories));
    }
}
