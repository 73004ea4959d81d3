namespace Fulmen.Topics.Model;

/// <summary>Topic attribute names, and the values GetTopicAttributes shows for those the caller never set.</summary>
public static class TopicAttributes
{
    public const string DisplayName = "DisplayName";
    public const string Policy = "Policy";
    public const string DeliveryPolicy = "DeliveryPolicy";
    public const string FifoTopic = "FifoTopic";
    public const string ContentBasedDeduplication = "ContentBasedDeduplication";

    /// <summary>What CreateTopic and SetTopicAttributes accept (FifoTopic only at creation).</summary>
    public static readonly HashSet<string> Settable = new(StringComparer.Ordinal)
    {
        DisplayName, Policy, DeliveryPolicy, "KmsMasterKeyId", "SignatureVersion", "TracingConfig", ContentBasedDeduplication,
        "ArchivePolicy", "DataProtectionPolicy", "FifoThroughputScope",
        "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
        "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
        "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate", "SQSFailureFeedbackRoleArn",
    };

    /// <summary>SNS's default delivery policy for http(s) endpoints: three retries 20 seconds apart.</summary>
    public const string DefaultEffectiveDeliveryPolicy =
        """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}""";

    /// <summary>The access policy a topic gets at creation: the owner's account may do everything.</summary>
    public static string DefaultPolicy(string topicArn, string account) =>
        """{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":""" + "\"" + topicArn + "\"" + ""","Condition":{"StringEquals":{"AWS:SourceOwner":""" + "\"" + account + "\"" + """}}}]}""";
}

/// <summary>Subscription attribute names.</summary>
public static class SubscriptionAttributes
{
    public const string FilterPolicy = "FilterPolicy";
    public const string FilterPolicyScope = "FilterPolicyScope";
    public const string RawMessageDelivery = "RawMessageDelivery";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string DeliveryPolicy = "DeliveryPolicy";
    public const string SubscriptionRoleArn = "SubscriptionRoleArn";
    public const string ReplayPolicy = "ReplayPolicy";

    public static readonly HashSet<string> Settable = new(StringComparer.Ordinal)
    {
        FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, DeliveryPolicy, SubscriptionRoleArn, ReplayPolicy,
    };
}
