using Fulmen.Protocols.Arns;

namespace Fulmen.Topics.Model;

/// <summary>Topic and subscription ARNs of this server's account: <c>arn:aws:sns:{region}:{account}:{topic}[:{uuid}]</c>.</summary>
public sealed class TopicArns(AwsAccount account)
{
    public string Topic(string name) => account.Arn("sns", name).ToString();

    public string Subscription(string id) => account.Arn("sns", id).ToString();

    public string AccountId => account.AccountId;

    public string Region => account.Region;

    /// <summary>The topic a topic ARN names, when it is one of this server's; null otherwise.</summary>
    public string? TopicName(string? arn) =>
        Arn.TryParse(arn, out var parsed) && parsed.Service == "sns" && parsed.Region == account.Region && parsed.Account == account.AccountId
            && parsed.Resource.Length > 0 && !parsed.Resource.Contains(':', StringComparison.Ordinal)
            ? parsed.Resource
            : null;

    /// <summary>The subscription id (<c>{topic}:{uuid}</c>) a subscription ARN names, or null.</summary>
    public string? SubscriptionId(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = arn.Split(':');
        return parts.Length == 7 && parts[2] == "sns" && parts[3] == account.Region && parts[4] == account.AccountId
            ? $"{parts[5]}:{parts[6]}"
            : null;
    }
}
