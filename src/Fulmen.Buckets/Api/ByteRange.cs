using System.Globalization;

namespace Fulmen.Buckets.Api;

/// <summary>
/// A <c>Range: bytes=…</c> request header as S3 reads it: one range (<c>a-b</c>, <c>a-</c>, <c>-n</c>); a header it cannot
/// parse, or several ranges, is ignored (the whole object, 200); a range that starts past the end is 416 InvalidRange.
/// </summary>
internal static class ByteRange
{
    public static (long Start, long Length)? Parse(string? header, long size)
    {
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }
        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }
            if (suffix == 0 || size == 0)
            {
                throw S3Errors.InvalidRange(header, size);
            }
            var length = Math.Min(suffix, size);
            return (size - length, length);
        }
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }
        long end;
        if (last.Length == 0)
        {
            end = size - 1;
        }
        else if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
        {
            return null;
        }
        if (start >= size)
        {
            throw S3Errors.InvalidRange(header, size);
        }
        end = Math.Min(end, size - 1);
        return (start, end - start + 1);
    }
}
