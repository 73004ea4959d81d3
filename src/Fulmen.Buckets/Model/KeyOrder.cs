using System.Text;

namespace Fulmen.Buckets.Model;

/// <summary>
/// S3 lists keys in UTF-8 byte order, which is code point order; the store orders document ids the same way (SQLite
/// compares bytes, PostgreSQL's id column is <c>COLLATE "C"</c>). .NET's ordinal order differs for characters above
/// U+FFFF, so listings compare with this.
/// </summary>
public static class KeyOrder
{
    /// <summary>After every key that starts with a prefix ending in this (the highest code point).</summary>
    public const string Highest = "\U0010FFFF";

    public static int Compare(string a, string b)
    {
        var x = a.EnumerateRunes();
        var y = b.EnumerateRunes();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX ? 1 : hasY ? -1 : 0;
            }
            var order = x.Current.Value.CompareTo(y.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    public static string Max(string? a, string? b) => a is null ? b ?? "" : b is null ? a : Compare(a, b) >= 0 ? a : b;

    public static bool IsValidKey(string key) => key.Length > 0 && Encoding.UTF8.GetByteCount(key) <= 1024;
}
