namespace Fulmen.Protocols.Arns;

/// <summary>
/// The one account and region this server is (<c>--region</c>, <c>--account-id</c>): what every ARN it issues
/// carries. Registered once by the host; services format their ARNs with it.
/// </summary>
public sealed class AwsAccount
{
    /// <summary>Default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Twelve digits; default <c>000000000000</c>.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>Always <c>aws</c> here; kept so ARNs are formatted in one place.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>An ARN of this account and region for <paramref name="service"/>.</summary>
    public Arn Arn(string service, string resource) => new(Partition, service, Region, AccountId, resource);
}
