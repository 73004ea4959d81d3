using System.Globalization;
using Fulmen.Protocols.Arns;

namespace Fulmen.LoadBalancing.Elbv2;

/// <summary>ARNs and DNS names shaped like AWS's (a random 16-hex id per resource).</summary>
public sealed class ElbArns(AwsAccount account)
{
    private const string Service = "elasticloadbalancing";

    public string LoadBalancer(string name) => account.Arn(Service, $"loadbalancer/app/{name}/{NewId()}").ToString();

    public string TargetGroup(string name) => account.Arn(Service, $"targetgroup/{name}/{NewId()}").ToString();

    /// <summary><c>listener/app/{name}/{lbid}/{id}</c>: the load balancer's ARN path plus a new id.</summary>
    public static string Listener(string loadBalancerArn)
    {
        var arn = Arn.Parse(loadBalancerArn);
        return (arn with { Resource = $"listener/{arn.Resource["loadbalancer/".Length..]}/{NewId()}" }).ToString();
    }

    /// <summary>Like AWS's <c>{name}-{digits}.{region}.elb.amazonaws.com</c>; the listener itself is reached at the bind host and its port.</summary>
    public string DnsName(string name) =>
        $"{name}-{Random.Shared.NextInt64(100_000_000, 2_000_000_000).ToString(CultureInfo.InvariantCulture)}.{account.Region}.elb.localhost";

    private static string NewId() => Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));
}
