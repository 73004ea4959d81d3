using System.IO.Compression;
using System.Text;

namespace Fulmen.Storage.Code;

internal enum PackageItemKind
{
    File,
    Directory,
    Link,
}

/// <summary>One entry of a package, checked: where it goes, what it is, and the permissions its file gets.</summary>
internal sealed record PackageItem(ZipArchiveEntry Entry, string Path, PackageItemKind Kind, UnixFileMode Mode);

/// <summary>
/// Checks a package's central directory before a byte is written: every name relative and below the root, no name
/// twice, nothing below a file or a link, no data in a directory, only files, directories and links, and the sizes
/// it declares within the limits. The sizes are checked again as the data is unpacked, since a zip can lie about them.
/// </summary>
internal static class PackageLayout
{
    private const int TypeMask = 0xF000; // S_IFMT of the Unix mode zips made on Unix keep in the external attributes
    private const int RegularFile = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int SymbolicLink = 0xA000;
    private const UnixFileMode DefaultFileMode = (UnixFileMode)0x1A4; // 0644

    /// <summary>The longest target a link may name: PATH_MAX without the terminating NUL.</summary>
    public const int MaxLinkTargetBytes = PackagePaths.MaxPathBytes - 1;

    /// <summary>The package's entries in zip order; throws <see cref="InvalidCodePackageException"/> when it is unusable.</summary>
    public static List<PackageItem> Plan(IReadOnlyCollection<ZipArchiveEntry> entries, CodePackageLimits limits, int maxPathBytes)
    {
        if (entries.Count == 0)
        {
            throw InvalidCodePackageException.Empty();
        }
        if (entries.Count > limits.MaxEntries)
        {
            throw InvalidCodePackageException.TooManyEntries(limits.MaxEntries);
        }
        var files = new HashSet<string>(StringComparer.Ordinal); // files and links: nothing may be below them
        var directories = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<PackageItem>(entries.Count);
        long declared = 0;
        foreach (var entry in entries)
        {
            var item = Item(entry, maxPathBytes) ?? throw InvalidCodePackageException.Unreadable();
            declared += entry.Length;
            if (declared > limits.MaxUnzippedBytes)
            {
                throw InvalidCodePackageException.UnzippedTooLarge(limits.MaxUnzippedBytes);
            }
            if (item.Path.Length == 0)
            {
                continue; // "./": the root itself
            }
            foreach (var parent in PackagePaths.Parents(item.Path))
            {
                if (files.Contains(parent))
                {
                    throw InvalidCodePackageException.Unreadable();
                }
                directories.Add(parent);
            }
            // A directory may be named twice (harmlessly); a file or link only once, and never where a directory is.
            if (item.Kind == PackageItemKind.Directory ? files.Contains(item.Path) : directories.Contains(item.Path) || !files.Add(item.Path))
            {
                throw InvalidCodePackageException.Unreadable();
            }
            if (item.Kind == PackageItemKind.Directory)
            {
                directories.Add(item.Path);
            }
            items.Add(item);
        }
        return items;
    }

    private static PackageItem? Item(ZipArchiveEntry entry, int maxPathBytes)
    {
        if (entry.IsEncrypted || entry.Length < 0)
        {
            return null;
        }
        var path = PackagePaths.Normalize(entry.FullName, out var endsInSeparator);
        if (path is null || Encoding.UTF8.GetByteCount(path) > maxPathBytes)
        {
            return null;
        }
        var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
        PackageItemKind? kind = (unixMode & TypeMask) switch
        {
            _ when endsInSeparator => PackageItemKind.Directory,
            DirectoryType => PackageItemKind.Directory,
            SymbolicLink => PackageItemKind.Link,
            0 or RegularFile => PackageItemKind.File,
            _ => null, // devices, pipes and sockets have no place in a package
        };
        var valid = kind switch
        {
            PackageItemKind.Directory => entry.Length == 0,
            PackageItemKind.Link => path.Length > 0 && entry.Length is > 0 and <= MaxLinkTargetBytes,
            PackageItemKind.File => path.Length > 0,
            _ => false,
        };
        if (!valid)
        {
            return null;
        }
        var permissions = (UnixFileMode)(unixMode & 0x1FF); // set-id and sticky bits are dropped
        return new PackageItem(entry, path, kind!.Value, permissions == 0 ? DefaultFileMode : permissions);
    }
}
