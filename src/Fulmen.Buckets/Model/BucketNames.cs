using System.Net;

namespace Fulmen.Buckets.Model;

/// <summary>S3's rules for general purpose bucket names.</summary>
public static class BucketNames
{
    public static bool IsValid(string name)
    {
        if (name.Length is < 3 or > 63 || !char.IsAsciiLetterLower(name[0]) && !char.IsAsciiDigit(name[0])
            || !char.IsAsciiLetterLower(name[^1]) && !char.IsAsciiDigit(name[^1]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('.' or '-'))
            {
                return false;
            }
        }
        return !name.Contains("..", StringComparison.Ordinal)
            && !IPAddress.TryParse(name, out _)
            && !name.StartsWith("xn--", StringComparison.Ordinal) && !name.StartsWith("sthree-", StringComparison.Ordinal)
            && !name.StartsWith("amzn-s3-demo-", StringComparison.Ordinal)
            && !name.EndsWith("-s3alias", StringComparison.Ordinal) && !name.EndsWith("--ol-s3", StringComparison.Ordinal)
            && !name.EndsWith(".mrap", StringComparison.Ordinal) && !name.EndsWith("--x-s3", StringComparison.Ordinal);
    }
}
