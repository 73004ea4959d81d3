using System.Text;

namespace Fulmen.Storage.Code;

/// <summary>
/// The paths a package may contain: relative, below the package's root, each name a Linux file name. Zips made on
/// Windows separate with backslashes, so both separators count; anything that would leave the root (<c>..</c>, an
/// absolute path, a drive or a UNC share) makes the package unusable rather than being silently rewritten.
/// </summary>
internal static class PackagePaths
{
    /// <summary>Linux's NAME_MAX: the longest single file name, in bytes.</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Linux's PATH_MAX including the terminating NUL: the longest path a system call takes.</summary>
    public const int MaxPathBytes = 4096;

    /// <summary>
    /// The entry name as a relative path with '/' between segments ("" for the root itself), or null when the name
    /// is unusable. <paramref name="isDirectory"/> says whether the name ends in a separator.
    /// </summary>
    public static string? Normalize(string name, out bool isDirectory)
    {
        isDirectory = false;
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }
        var path = name.Replace('\\', '/');
        isDirectory = path.EndsWith('/');
        if (path.StartsWith('/') || IsDrive(path))
        {
            return null;
        }
        var kept = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                return null;
            }
            if (segment == ".")
            {
                continue;
            }
            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return null;
            }
            kept.Add(segment);
        }
        return string.Join('/', kept);
    }

    /// <summary>
    /// Whether a symbolic link at <paramref name="linkPath"/> with <paramref name="target"/> stays inside the package.
    /// The target is resolved by its text, which is only what the kernel will do when no directory it passes through
    /// is itself a link (a link followed by <c>..</c> climbs from the link's target, not from the link): so a target
    /// may not be absolute, may not climb above the root, and may pass through no other link of the package.
    /// </summary>
    public static bool IsContainedLink(string linkPath, string target, IReadOnlySet<string> links)
    {
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal) || target.StartsWith('/'))
        {
            return false;
        }
        var segments = new List<string>(linkPath.Split('/'));
        segments.RemoveAt(segments.Count - 1); // relative to the directory holding the link, a real directory
        foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }
            if (segments.Count > 0 && links.Contains(string.Join('/', segments)))
            {
                return false;
            }
            if (segment != "..")
            {
                segments.Add(segment);
            }
            else if (segments.Count == 0)
            {
                return false;
            }
            else
            {
                segments.RemoveAt(segments.Count - 1);
            }
        }
        return true;
    }

    /// <summary>The paths of the directories above <paramref name="path"/>, nearest to the root first.</summary>
    public static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    private static bool IsDrive(string path) => path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':';
}
