namespace Fulmen.Storage.Code;

/// <summary>Removing an unpacked (read-only) package: its directories are made writable again first, links not followed.</summary>
internal static class PackageDirectories
{
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Delete(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        MakeWritable(directory);
        Directory.Delete(directory, recursive: true);
    }

    private static void MakeWritable(string directory)
    {
        File.SetUnixFileMode(directory, OwnerAll);
        foreach (var child in new DirectoryInfo(directory).EnumerateDirectories())
        {
            if (child.LinkTarget is null)
            {
                MakeWritable(child.FullName);
            }
        }
    }
}
