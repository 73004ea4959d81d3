using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fulmen.Functions.Http;

/// <summary>
/// A request's headers as payload format 2.0 lists them, without a dictionary per request: names lower-cased (the
/// server's own names for common headers mapped without allocating), sorted by ordinal, <c>Cookie</c> left out.
/// </summary>
public static class SortedHeaders
{
    /// <summary>Kestrel names the headers it knows in their canonical casing; these are lower-cased from a table.</summary>
    private static readonly FrozenDictionary<string, string> Known = new[]
    {
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Access-Control-Request-Headers",
        "Access-Control-Request-Method", "Authorization", "Cache-Control", "Connection", "Content-Encoding",
        "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Cookie", "Date", "Expect", "Forwarded",
        "From", "Host", "If-Match", "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Keep-Alive",
        "Max-Forwards", "Origin", "Pragma", "Proxy-Authorization", "Range", "Referer", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Upgrade-Insecure-Requests", "User-Agent", "Via", "Warning", "X-Amz-Date",
        "X-Amz-Content-Sha256", "X-Amz-Security-Token", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Port",
        "X-Forwarded-Proto", "X-Request-ID", "Baggage", "Traceparent", "Tracestate", "Correlation-Context", "Request-Id",
    }.ToFrozenDictionary(name => name, name => name.ToLowerInvariant(), StringComparer.Ordinal);

    [ThreadStatic]
    private static (string Name, StringValues Values)[]? t_items;

    /// <summary>
    /// The headers, sorted; the span is this thread's scratch space, valid until the next call on the same thread.
    /// A name that lower-cases to one already seen replaces it, as a dictionary keyed by the lower-cased name would.
    /// </summary>
    public static ReadOnlySpan<(string Name, StringValues Values)> Collect(IHeaderDictionary headers)
    {
        var items = t_items;
        if (items is null || items.Length < headers.Count)
        {
            t_items = items = new (string, StringValues)[Math.Max(32, headers.Count)];
        }
        var count = 0;
        foreach (var (name, values) in headers)
        {
            var lower = Lower(name);
            if (lower == "cookie")
            {
                continue;
            }
            count = Insert(items, count, lower, values);
        }
        return items.AsSpan(0, count);
    }

    /// <summary>The values as one string: repeats comma-joined.</summary>
    public static string Joined(StringValues values) =>
        values.Count == 1 ? values[0] ?? "" : string.Join(',', values.Where(v => v is not null));

    /// <summary>The name lower-cased: itself when it already is, the table's when the server named it, else a new string.</summary>
    public static string Lower(string name)
    {
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c) || c > '\u007f')
            {
                return Known.TryGetValue(name, out var known) ? known : name.ToLowerInvariant();
            }
        }
        return name;
    }

    private static int Insert((string Name, StringValues Values)[] items, int count, string name, StringValues values)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(items[i].Name, name, StringComparison.Ordinal))
            {
                items[i].Values = values;
                return count;
            }
        }
        var at = count;
        while (at > 0 && string.CompareOrdinal(items[at - 1].Name, name) > 0)
        {
            items[at] = items[at - 1];
            at--;
        }
        items[at] = (name, values);
        return count + 1;
    }
}
