using Fulmen.Storage.Code;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.Code;

/// <summary>
/// A scratch root per test with the package directory two levels below it, so "../x" and "../../x" still land inside
/// it, and the unpack-and-refuse helpers the package tests share.
/// </summary>
public abstract class UnpackScratch : IDisposable
{
    protected const string CouldNotUnzip = "Could not unzip uploaded file. Please check your file, then try to upload again.";

    protected UnpackScratch() => Directory.CreateDirectory(Path.Combine(Root, "code"));

    protected string Root { get; } = Path.Combine(Path.GetTempPath(), $"fulmen-unpack-{Guid.NewGuid():N}");

    protected string Destination => Path.Combine(Root, "code", "package");

    protected void Unpack(byte[] zip, CodePackageLimits? limits = null, TimeProvider? time = null) =>
        PackageUnpacker.Unpack(new MemoryStream(zip), Destination, limits ?? new CodePackageLimits(), time ?? new FakeTimeProvider(), CancellationToken.None);

    /// <summary>Refused with <paramref name="message"/>, and no file or directory was left anywhere under the test's root.</summary>
    protected void AssertRefused(byte[] zip, string message = CouldNotUnzip, CodePackageLimits? limits = null, TimeProvider? time = null)
    {
        var error = Assert.Throws<InvalidCodePackageException>(() => Unpack(zip, limits, time));
        Assert.Equal(message, error.Message);
        Assert.False(error.TooLarge);
        Assert.Equal([Path.Combine(Root, "code")], Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories));
    }

    /// <summary>Unpacked directories are read-only: made writable again (links left alone) so the root can be deleted.</summary>
    public void Dispose()
    {
        foreach (var directory in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
        {
            if (new DirectoryInfo(directory).LinkTarget is null)
            {
                File.SetUnixFileMode(directory, (UnixFileMode)0x1C0);
            }
        }
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }
}
