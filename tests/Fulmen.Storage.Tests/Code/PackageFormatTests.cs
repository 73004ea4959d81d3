using Fulmen.Storage.Code;

namespace Fulmen.Storage.Tests.Code;

/// <summary>Broken zips, lying sizes, links and the limits: AWS's 400 answer every time, nothing left behind.</summary>
public sealed class PackageFormatTests : UnpackScratch
{
    [Fact]
    public void Unpack_NotAZip_CouldNotUnzip() => AssertRefused("exports.handler = async () => 1;"u8.ToArray());

    [Fact]
    public void Unpack_NoEntries_NonEmptyZipRequired() =>
        AssertRefused(TestZips.Create(), "Uploaded file must be a non-empty zip");

    [Fact]
    public void Unpack_NoBytes_NonEmptyZipRequired() => AssertRefused([], "Uploaded file must be a non-empty zip");

    [Theory]
    [InlineData(14)] // LZMA
    [InlineData(12)] // BZIP2
    [InlineData(99)] // AES
    public void Unpack_UnsupportedCompressionMethod_CouldNotUnzip(int method) =>
        AssertRefused(TestZips.WithMethod(TestZips.Create(ZipItem.File("index.js", new string('a', 1000))), method));

    [Fact]
    public void Unpack_CorruptDeflateData_CouldNotUnzip()
    {
        var zip = TestZips.Create(ZipItem.File("index.js", string.Concat(Enumerable.Range(0, 2000).Select(i => i.ToString()))));
        var data = TestZips.Find(zip, TestZips.LocalHeader) + 30 + "index.js".Length;
        zip[data] = 0xFF; // a reserved block type (BTYPE 11)
        AssertRefused(zip);
    }

    [Fact]
    public void Unpack_TruncatedZip_CouldNotUnzip()
    {
        var zip = TestZips.Create(ZipItem.File("index.js", "exports.handler = 1"));
        AssertRefused(zip[..(zip.Length - 10)]);
    }

    [Theory]
    [InlineData(10, 5)]   // entries on this disk: more than there are
    [InlineData(8, 7)]    // total entries: fewer than there are
    [InlineData(12, 1)]   // central directory size
    [InlineData(16, 1 << 30)] // central directory offset, past the end
    [InlineData(16, 3)]   // central directory offset, inside the data
    public void Unpack_InconsistentEndOfCentralDirectory_CouldNotUnzip(int field, long value)
    {
        var zip = TestZips.Create(ZipItem.File("index.js", "exports.handler = 1"), ZipItem.File("lib/a.js", "a"), ZipItem.File("lib/b.js", "b"));
        var end = TestZips.Find(zip, TestZips.EndOfCentralDirectory);
        if (field is 8 or 10)
        {
            TestZips.PutUInt16(zip, end + field, (int)value);
        }
        else
        {
            TestZips.PutUInt32(zip, end + field, value);
        }
        AssertRefused(zip);
    }

    [Fact]
    public void Unpack_DeclaredSizeOverTheLimit_UnzippedSizeRefusedBeforeWriting() =>
        AssertRefused(TestZips.Create(ZipItem.File("a", new string('a', 600)), ZipItem.File("b", new string('b', 600))),
            "Unzipped size must be smaller than 1000 bytes", new CodePackageLimits { MaxUnzippedBytes = 1000 });

    [Fact]
    public void Unpack_ZipBombDeclaringLess_StopsAtTheFirstByteItDidNotDeclare() =>
        AssertRefused(TestZips.WithDeclaredSize(TestZips.Zeros("bomb", 300L << 20), 1000));

    [Fact]
    public void Unpack_MoreEntriesThanTheBound_TooManyEntries() =>
        AssertRefused(TestZips.Create([.. Enumerable.Range(0, 11).Select(i => ZipItem.File($"f{i}.js"))]),
            "Uploaded file must contain at most 10 entries (files and directories)", new CodePackageLimits { MaxEntries = 10 });

    [Fact]
    public void Unpack_OverTheTimeBudget_CouldNotUnzip() =>
        AssertRefused(TestZips.Create(ZipItem.File("index.js", "exports.handler = 1")), limits: new CodePackageLimits { MaxUnpackTime = TimeSpan.Zero });

    [Fact]
    public void Unpack_RandomlyDamagedZips_EitherUnpackOrCouldNotUnzip()
    {
        var good = TestZips.Create(ZipItem.File("index.js", "exports.handler = async () => 'hello';"), ZipItem.Directory("lib/"),
            ZipItem.File("lib/a.js", string.Concat(Enumerable.Repeat("module.exports = 1;\n", 40))), ZipItem.Link("b.js", "lib/a.js"));
        var random = new Random(12);
        for (var round = 0; round < 1500; round++)
        {
            var zip = (byte[])good.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                zip[random.Next(zip.Length)] = (byte)random.Next(256);
            }
            try
            {
                Unpack(zip);
                PackageDirectories.Delete(Destination);
            }
            catch (InvalidCodePackageException)
            {
                Assert.False(Directory.Exists(Destination));
            }
        }
    }
}
