using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Indexing;

/// <summary>The condition a pattern is filed under in a <see cref="PatternSet{TId}"/>: a field path every match
/// must have (outside any <c>$or</c>) whose matchers are all exact strings. An event can only match the pattern if
/// one of its strings at that path is one of those values.</summary>
internal sealed record PatternIndexKey(string[] Path, string[] Values)
{
    public static PatternIndexKey? Find(ObjectNode node)
    {
        // A leaf directly on this object is the cheapest to reach; nested objects are searched after.
        foreach (var field in node.Fields)
        {
            if (field.Leaf is { ExistsTrue: false, ExistsFalse: false } leaf
                && leaf.Matchers.Length > 0
                && leaf.Matchers.All(m => m is ExactStringMatcher))
            {
                return new PatternIndexKey([field.Name], [.. leaf.Matchers.Cast<ExactStringMatcher>().Select(m => m.Text)]);
            }
        }
        foreach (var field in node.Fields)
        {
            if (field.Child is { MatchesAbsent: false } child && Find(child) is { } nested)
            {
                return nested with { Path = [field.Name, .. nested.Path] };
            }
        }
        return null;
    }

    public string PathKey => string.Join('\u0000', Path);
}
