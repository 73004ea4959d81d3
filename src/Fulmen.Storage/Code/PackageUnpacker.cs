using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Fulmen.Storage.Code;

/// <summary>
/// Unpacks a deployment package into a new directory, or refuses it with AWS's answer and leaves nothing behind.
/// The layout is checked first (<see cref="PackageLayout"/>); then every byte is counted as it is written, so a zip
/// that lies about its sizes stops as soon as it passes the unzipped limit, and the clock is watched between chunks.
/// Files are created, never opened, and no path passes through a link, so nothing is written outside the directory.
/// </summary>
internal static class PackageUnpacker
{
    private const int BufferSize = 81920;
    private const UnixFileMode Writable = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadOnlyDirectory = (UnixFileMode)0x16D; // 0555

    /// <summary>Unpacks <paramref name="zip"/> (seekable) into <paramref name="destination"/> (which must not exist), read-only.</summary>
    public static void Unpack(Stream zip, string destination, CodePackageLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        if (zip.Length == 0)
        {
            throw InvalidCodePackageException.Empty();
        }
        var declared = ZipReads.Run(() => EndOfCentralDirectory.ReadEntryCount(zip));
        if (declared == 0)
        {
            throw InvalidCodePackageException.Empty();
        }
        if (declared > limits.MaxEntries)
        {
            throw InvalidCodePackageException.TooManyEntries(limits.MaxEntries);
        }
        zip.Position = 0;
        using var deadline = new CancellationTokenSource(limits.MaxUnpackTime, time);
        Directory.CreateDirectory(destination);
        try
        {
            using var archive = ZipReads.Run(() => new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true));
            var maxPathBytes = PackagePaths.MaxPathBytes - 1 - Encoding.UTF8.GetByteCount(destination) - 1;
            var items = PackageLayout.Plan(ZipReads.Run(() => archive.Entries), limits, maxPathBytes);
            var links = items.Where(i => i.Kind == PackageItemKind.Link).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
            var budget = new UnpackBudget(limits.MaxUnzippedBytes, deadline.Token, cancellationToken);
            var buffer = new byte[BufferSize];
            var directories = new HashSet<string>(StringComparer.Ordinal) { destination }; // created already: one stat fewer a file
            foreach (var item in items.Where(i => i.Kind != PackageItemKind.Link))
            {
                budget.Check();
                var path = Path.Combine(destination, item.Path);
                if (item.Kind == PackageItemKind.Directory)
                {
                    CreateDirectory(path, directories);
                    continue;
                }
                CreateDirectory(Path.GetDirectoryName(path)!, directories);
                WriteFile(item, path, buffer, budget);
            }
            // Links last: no file is written after one exists, so none can be written through one.
            foreach (var item in items.Where(i => i.Kind == PackageItemKind.Link))
            {
                budget.Check();
                var target = ReadLinkTarget(item, buffer, budget);
                if (!PackagePaths.IsContainedLink(item.Path, target, links))
                {
                    throw InvalidCodePackageException.Unreadable();
                }
                var path = Path.Combine(destination, item.Path);
                CreateDirectory(Path.GetDirectoryName(path)!, directories);
                File.CreateSymbolicLink(path, target);
            }
            MakeDirectoriesReadOnly(destination);
        }
        catch
        {
            PackageDirectories.Delete(destination);
            throw;
        }
    }

    private static void CreateDirectory(string path, HashSet<string> created)
    {
        if (created.Add(path))
        {
            Directory.CreateDirectory(path);
        }
    }

    private static void WriteFile(PackageItem item, string path, byte[] buffer, UnpackBudget budget)
    {
        using (var source = ZipReads.Run(item.Entry.Open))
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            var crc = new Crc32();
            long written = 0;
            int read;
            while ((read = ZipReads.Run(() => source.Read(buffer))) > 0)
            {
                written += read;
                budget.Spend(read, written > item.Entry.Length);
                crc.Append(buffer.AsSpan(0, read));
                file.Write(buffer, 0, read);
            }
            // System.IO.Compression stops at the size an entry declares, so a zip that declares less than it holds
            // (a zip bomb) ends early: its checksum, of all the data, tells.
            if (written != item.Entry.Length || crc.GetCurrentHashAsUInt32() != item.Entry.Crc32)
            {
                throw InvalidCodePackageException.Unreadable();
            }
        }
        File.SetUnixFileMode(path, (item.Mode | Readable) & ~Writable);
    }

    /// <summary>A link's data is its target (as Info-ZIP stores it); the layout capped its declared size.</summary>
    private static string ReadLinkTarget(PackageItem item, byte[] buffer, UnpackBudget budget)
    {
        using var source = ZipReads.Run(item.Entry.Open);
        var length = 0;
        int read;
        while ((read = ZipReads.Run(() => source.Read(buffer, length, buffer.Length - length))) > 0)
        {
            length += read;
            budget.Spend(read, length > item.Entry.Length);
        }
        return length == item.Entry.Length && Crc32.HashToUInt32(buffer.AsSpan(0, length)) == item.Entry.Crc32
            ? Encoding.UTF8.GetString(buffer, 0, length) : throw InvalidCodePackageException.Unreadable();
    }

    /// <summary>Code is shared by environments, so nobody may write to it; links are left alone (chmod follows them).</summary>
    private static void MakeDirectoriesReadOnly(string directory)
    {
        foreach (var child in new DirectoryInfo(directory).EnumerateDirectories())
        {
            if (child.LinkTarget is null)
            {
                MakeDirectoriesReadOnly(child.FullName);
            }
        }
        File.SetUnixFileMode(directory, ReadOnlyDirectory);
    }
}
