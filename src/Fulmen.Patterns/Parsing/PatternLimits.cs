using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Parsing;

/// <summary>SNS's counted limits: leaf keys, and combinations (the product of each array's number of values,
/// summed over <c>$or</c> branches).</summary>
internal static class PatternLimits
{
    public static void Check(ObjectNode root, DialectRules rules, Func<string, InvalidPatternException> error)
    {
        if (rules.MaxKeys != int.MaxValue && CountKeys(root) > rules.MaxKeys)
        {
            throw error($"Filter policy can not have more than {rules.MaxKeys} keys");
        }
        if (rules.MaxCombinations != int.MaxValue && Combinations(root) > rules.MaxCombinations)
        {
            throw error("Filter policy is too complex");
        }
    }

    public static int CountKeys(ObjectNode node) =>
        node.Fields.Sum(f => f.Leaf is not null ? 1 : CountKeys(f.Child!))
        + node.OrGroups.Sum(g => g.Sum(CountKeys));

    public static long Combinations(ObjectNode node)
    {
        long total = 1;
        foreach (var field in node.Fields)
        {
            total = Saturate(total * (field.Leaf?.ValueCount ?? Combinations(field.Child!)));
        }
        foreach (var group in node.OrGroups)
        {
            total = Saturate(total * Saturate(group.Sum(Combinations)));
        }
        return total;
    }

    private static long Saturate(long value) => Math.Min(value, int.MaxValue);
}
