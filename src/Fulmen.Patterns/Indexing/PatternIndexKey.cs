using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Indexing;

/// <summary>A condition a pattern can be filed under in a <see cref="PatternSet{TId}"/>: a field path every match
/// must have (outside any <c>$or</c>) whose matchers are all exact strings. An event can only match the pattern if
/// one of its strings at that path is one of those values.</summary>
internal sealed record PatternIndexKey(string[] Path, string[] Values)
{
    public string PathKey => string.Join('\u0000', Path);

    /// <summary>Every such condition of the pattern; the set files it under the rarest.</summary>
    public static List<PatternIndexKey> FindAll(ObjectNode node)
    {
        var keys = new List<PatternIndexKey>();
        Collect(node, [], keys);
        return keys;
    }

    private static void Collect(ObjectNode node, string[] prefix, List<PatternIndexKey> keys)
    {
        foreach (var field in node.Fields)
        {
            string[] path = [.. prefix, field.Name];
            if (field.Leaf is { ExistsTrue: false, ExistsFalse: false } leaf
                && leaf.Matchers.Length > 0
                && leaf.Matchers.All(m => m is ExactStringMatcher))
            {
                var values = leaf.Matchers.Cast<ExactStringMatcher>().Select(m => m.Text).Distinct(StringComparer.Ordinal);
                keys.Add(new PatternIndexKey(path, [.. values]));
            }
            else if (field.Child is { MatchesAbsent: false } child)
            {
                Collect(child, path, keys);
            }
        }
    }
}
