namespace Fulmen.Patterns.Parsing;

/// <summary>What each service accepts beyond the shared syntax: its operators and its documented limits.</summary>
internal sealed record DialectRules(
    int MaxLength,
    bool Wildcard,
    bool Cidr,
    bool AnythingButObjects,
    int MaxKeys,
    int MaxCombinations)
{
    /// <summary>Deeper than any AWS example; keeps a hostile pattern from recursing without bound.</summary>
    public const int MaxDepth = 64;

    // PutRule takes up to 4,096 characters (the account quota defaults to 2,048 and can be raised to 4,096).
    private static readonly DialectRules EventBridge = new(4096, true, true, true, int.MaxValue, int.MaxValue);

    // Lambda documents equals, equals-ignore-case, prefix, suffix, numeric, exists, anything-but (values) and $or;
    // wildcard, cidr and the anything-but object forms are the operators EventBridge marks "no" for pipes.
    private static readonly DialectRules Lambda = new(4096, false, false, false, int.MaxValue, int.MaxValue);

    // SNS: 256 KB, at most five keys and 150 combinations of values; no wildcard.
    private static readonly DialectRules Sns = new(256 * 1024, false, true, true, 5, 150);

    public static DialectRules For(PatternDialect dialect) => dialect switch
    {
        PatternDialect.LambdaFilter => Lambda,
        PatternDialect.SnsFilterPolicy => Sns,
        _ => EventBridge,
    };
}
