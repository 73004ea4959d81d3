namespace Fulmen.Patterns;

/// <summary>Which AWS service's rules a pattern is parsed under: the syntax is shared, the accepted operators,
/// limits and error wording differ.</summary>
public enum PatternDialect
{
    /// <summary>EventBridge event patterns (rules on an event bus): every operator.</summary>
    EventBridge,

    /// <summary>Lambda event source mapping filter criteria: the operators Lambda documents; one error text.</summary>
    LambdaFilter,

    /// <summary>SNS subscription filter policies: EventBridge's operators without wildcard, with SNS's limits.</summary>
    SnsFilterPolicy,
}
