using System.Text.Json.Serialization;

namespace Fulmen.Lambda.ConfigEvents;

/// <summary>An AWS Config custom rule's event: what to evaluate, and the token to report the result with <c>PutEvaluations</c>.</summary>
public class ConfigEvent
{
    /// <summary>The ID of the account that owns the rule.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; set; }

    /// <summary>The rule ARN.</summary>
    [JsonPropertyName("configRuleArn")]
    public string? ConfigRuleArn { get; set; }

    /// <summary>The rule ID.</summary>
    [JsonPropertyName("configRuleId")]
    public string? ConfigRuleId { get; set; }

    /// <summary>The rule name.</summary>
    [JsonPropertyName("configRuleName")]
    public string? ConfigRuleName { get; set; }

    /// <summary>True when the evaluated resource was removed from the rule's scope.</summary>
    [JsonPropertyName("eventLeftScope")]
    public bool EventLeftScope { get; set; }

    /// <summary>The ARN of the IAM role AWS Config uses.</summary>
    [JsonPropertyName("executionRoleArn")]
    public string? ExecutionRoleArn { get; set; }

    /// <summary>JSON text: the notification (configuration item, or a scheduled notification) that triggered the evaluation.</summary>
    [JsonPropertyName("invokingEvent")]
    public string? InvokingEvent { get; set; }

    /// <summary>The token to pass to <c>PutEvaluations</c>.</summary>
    [JsonPropertyName("resultToken")]
    public string? ResultToken { get; set; }

    /// <summary>JSON text: the rule's parameters.</summary>
    [JsonPropertyName("ruleParameters")]
    public string? RuleParameters { get; set; }

    /// <summary>The event format version, <c>1.0</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary><c>DETECTIVE</c> or <c>PROACTIVE</c>.</summary>
    [JsonPropertyName("evaluationMode")]
    public string? EvaluationMode { get; set; }
}
