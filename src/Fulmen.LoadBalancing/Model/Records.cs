using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.LoadBalancing.Model;

/// <summary>An application load balancer. Subnets and security groups are kept as given: there is no VPC to place them in.</summary>
public sealed record LoadBalancerRecord(
    string Arn, string Name, string DnsName, string Scheme, string IpAddressType, DateTimeOffset CreatedTime,
    IReadOnlyList<string> Subnets, IReadOnlyList<string> SecurityGroups);

/// <summary>A target group of type <c>lambda</c>: at most one function, and the attributes AWS keeps for it.</summary>
public sealed record TargetGroupRecord(string Arn, string Name, IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Attributes)
{
    public const string MultiValueHeadersAttribute = "lambda.multi_value_headers.enabled";

    public bool MultiValueHeaders =>
        Attributes.TryGetValue(MultiValueHeadersAttribute, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An HTTP listener: requests to the bind host at <see cref="Port"/> are forwarded to <see cref="TargetGroupArn"/>.</summary>
public sealed record ListenerRecord(string Arn, string LoadBalancerArn, string Protocol, int Port, string TargetGroupArn);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LoadBalancerRecord))]
[JsonSerializable(typeof(TargetGroupRecord))]
[JsonSerializable(typeof(ListenerRecord))]
internal sealed partial class LoadBalancingJsonContext : JsonSerializerContext;
