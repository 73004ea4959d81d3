namespace Fulmen.Lambda.SimpleEmailEvents;

/// <summary>The values of <see cref="SimpleEmailResponse.Disposition"/>.</summary>
public static class SimpleEmailDisposition
{
    /// <summary>Go on with the rule's next action and the next rules.</summary>
    public const string Continue = "CONTINUE";

    /// <summary>Stop this rule's remaining actions; go on with the next rules.</summary>
    public const string StopRule = "STOP_RULE";

    /// <summary>Stop all further actions and rules.</summary>
    public const string StopRuleSet = "STOP_RULE_SET";
}
