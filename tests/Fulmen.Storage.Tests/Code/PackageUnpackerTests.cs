using Fulmen.Storage.Code;

namespace Fulmen.Storage.Tests.Code;

/// <summary>Every broken or hostile package is AWS's 400 answer, and leaves nothing behind, inside or outside.</summary>
public sealed class PackageUnpackerTests : UnpackScratch
{
    [Fact]
    public void Unpack_GoodPackage_FilesWithTheirModesAndReadOnlyDirectories()
    {
        Unpack(TestZips.Create(ZipItem.File("index.js", "exports.handler = 1"), new ZipItem("bin/tool", "#!/bin/sh", 0x81ED),
            ZipItem.Directory("empty/"), new ZipItem("plain.txt", "no mode", 0), ZipItem.File("./lib/./a.js")));

        Assert.Equal("exports.handler = 1", File.ReadAllText(Path.Combine(Destination, "index.js")));
        Assert.Equal((UnixFileMode)0x16D, File.GetUnixFileMode(Path.Combine(Destination, "bin/tool"))); // 0555
        Assert.Equal((UnixFileMode)0x124, File.GetUnixFileMode(Path.Combine(Destination, "plain.txt"))); // 0444
        Assert.True(File.Exists(Path.Combine(Destination, "lib/a.js")));
        Assert.Equal((UnixFileMode)0x16D, File.GetUnixFileMode(Path.Combine(Destination, "empty")));
        Assert.Equal((UnixFileMode)0x16D, File.GetUnixFileMode(Destination));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("../../x")]
    [InlineData("a/../../x")]
    [InlineData("a/../../../x")]
    [InlineData("..\\x")]
    [InlineData("a\\..\\..\\x")]
    [InlineData("/etc/x")]
    [InlineData("/x")]
    [InlineData("C:\\x")]
    [InlineData("C:/x")]
    [InlineData("c:x")]
    [InlineData("\\\\server\\share\\x")]
    [InlineData("//server/share/x")]
    [InlineData("a/\0b")]
    [InlineData(".")]
    public void Unpack_NameOutsideThePackage_CouldNotUnzip(string name) =>
        AssertRefused(TestZips.Create(ZipItem.File("index.js"), ZipItem.File(name)));

    [Theory]
    [InlineData("a.js", "a.js")]
    [InlineData("lib/a.js", "lib/./a.js")]
    [InlineData("lib/a.js", "lib//a.js")]
    [InlineData("lib/a.js", "lib\\a.js")]
    public void Unpack_SameNameTwice_CouldNotUnzip(string first, string second) =>
        AssertRefused(TestZips.Create(ZipItem.File(first), ZipItem.File(second)));

    [Fact]
    public void Unpack_SameDirectoryTwice_Unpacks()
    {
        Unpack(TestZips.Create(ZipItem.Directory("lib/"), ZipItem.File("lib/a.js"), ZipItem.Directory("lib/")));
        Assert.True(File.Exists(Path.Combine(Destination, "lib/a.js")));
    }

    [Theory]
    [InlineData("a", "a/b")]
    [InlineData("a/b", "a")]
    [InlineData("a", "a/")]
    [InlineData("a/", "a")]
    [InlineData("a/b/c", "a/b")]
    public void Unpack_FileWhereADirectoryIs_CouldNotUnzip(string first, string second) =>
        AssertRefused(TestZips.Create(Item(first), Item(second)));

    private static ZipItem Item(string name) => name.EndsWith('/') ? ZipItem.Directory(name) : ZipItem.File(name);

    [Fact]
    public void Unpack_DirectoryEntryWithData_CouldNotUnzip() =>
        AssertRefused(TestZips.Create(ZipItem.File("index.js"), new ZipItem("lib/", "data in a directory", 0x41ED)));

    [Theory]
    [InlineData(0x2000)] // character device
    [InlineData(0x6000)] // block device
    [InlineData(0x1000)] // pipe
    [InlineData(0xC000)] // socket
    public void Unpack_SpecialFile_CouldNotUnzip(int type) =>
        AssertRefused(TestZips.Create(ZipItem.File("index.js"), new ZipItem("device", "x", type | 0x1A4)));

    [Fact]
    public void Unpack_NameOf255Bytes_Unpacks()
    {
        Unpack(TestZips.Create(ZipItem.File(new string('é', 127) + "a")));
        Assert.Single(Directory.GetFiles(Destination));
    }

    [Fact]
    public void Unpack_NameOver255Bytes_CouldNotUnzip() =>
        AssertRefused(TestZips.Create(ZipItem.File("index.js"), ZipItem.File("lib/" + new string('é', 128))));

    [Fact]
    public void Unpack_PathOverPathMax_CouldNotUnzip() =>
        AssertRefused(TestZips.Create(ZipItem.File(string.Join('/', Enumerable.Repeat(new string('d', 250), 17)))));
}
