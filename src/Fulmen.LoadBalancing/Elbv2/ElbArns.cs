using System.Globalization;

namespace Fulmen.LoadBalancing.Elbv2;

/// <summary>ARNs and DNS names shaped like AWS's (a random 16-hex id per resource).</summary>
public sealed class ElbArns(Functions.LambdaOptions options)
{
    private string Prefix => $"arn:aws:elasticloadbalancing:{options.Region}:{options.AccountId}";

    public string LoadBalancer(string name) => $"{Prefix}:loadbalancer/app/{name}/{NewId()}";

    public string TargetGroup(string name) => $"{Prefix}:targetgroup/{name}/{NewId()}";

    /// <summary><c>listener/app/{name}/{lbid}/{id}</c>: the load balancer's ARN path plus a new id.</summary>
    public static string Listener(string loadBalancerArn) => $"{loadBalancerArn.Replace(":loadbalancer/", ":listener/", StringComparison.Ordinal)}/{NewId()}";

    /// <summary>Like AWS's <c>{name}-{digits}.{region}.elb.amazonaws.com</c>; the listener itself is reached at the bind host and its port.</summary>
    public string DnsName(string name) =>
        $"{name}-{Random.Shared.NextInt64(100_000_000, 2_000_000_000).ToString(CultureInfo.InvariantCulture)}.{options.Region}.elb.localhost";

    private static string NewId() => Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));
}
