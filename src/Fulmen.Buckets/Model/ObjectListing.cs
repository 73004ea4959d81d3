namespace Fulmen.Buckets.Model;

/// <summary>One page of a listing: objects, common prefixes, and where the next page starts.</summary>
public sealed record ListingPage(List<(string Key, ObjectRecord Object)> Contents, List<string> CommonPrefixes, bool IsTruncated, string? NextAfter);

/// <summary>
/// ListObjects (v1 and v2) over the store's key order: keys under <c>prefix</c> after <c>after</c>, those with the delimiter
/// past the prefix rolled up into common prefixes. A common prefix is passed over in one step (the next page of the store
/// starts after every key that begins with it), and a position that is itself a common prefix (a v1 NextMarker) resumes
/// after all of its keys, as S3 does.
/// </summary>
public static class ObjectListing
{
    private const int StorePage = 1000;

    public static async Task<ListingPage> ListAsync(ObjectIndex index, BucketRecord bucket, string prefix, string? delimiter, string? after, int maxKeys,
        CancellationToken cancellationToken)
    {
        var contents = new List<(string, ObjectRecord)>();
        var prefixes = new List<string>();
        if (maxKeys <= 0)
        {
            return new ListingPage(contents, prefixes, false, null);
        }
        var delimited = !string.IsNullOrEmpty(delimiter);
        string? lastPrefix = null;
        var position = KeyOrder.Max(after, prefix.Length == 0 ? null : WithoutLastRune(prefix));
        if (delimited && after is not null && CommonPrefix(after, prefix, delimiter!) == after)
        {
            lastPrefix = after;
            position = after + KeyOrder.Highest;
        }
        string? nextAfter = null;
        while (true)
        {
            var (items, next) = await index.PageAsync(bucket, position.Length == 0 ? null : position, StorePage, cancellationToken);
            string? jump = null;
            foreach (var item in items)
            {
                position = item.Id;
                var key = item.Id;
                if (item.Value.Removed || lastPrefix is not null && key.StartsWith(lastPrefix, StringComparison.Ordinal))
                {
                    continue;
                }
                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    if (KeyOrder.Compare(key, prefix) > 0)
                    {
                        return new ListingPage(contents, prefixes, false, nextAfter);
                    }
                    continue;
                }
                if (contents.Count + prefixes.Count == maxKeys)
                {
                    return new ListingPage(contents, prefixes, true, nextAfter);
                }
                if (delimited && CommonPrefix(key, prefix, delimiter!) is { } common)
                {
                    prefixes.Add(common);
                    lastPrefix = common;
                    nextAfter = common;
                    jump = common + KeyOrder.Highest;
                    break;
                }
                contents.Add((key, item.Value));
                nextAfter = key;
            }
            if (jump is not null)
            {
                position = jump;
                continue;
            }
            if (next is null)
            {
                return new ListingPage(contents, prefixes, false, nextAfter);
            }
        }
    }

    private static string? CommonPrefix(string key, string prefix, string delimiter)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at >= 0 ? key[..(at + delimiter.Length)] : null;
    }

    private static string WithoutLastRune(string text) =>
        text[..^(text.Length > 1 && char.IsLowSurrogate(text[^1]) ? 2 : 1)];
}
