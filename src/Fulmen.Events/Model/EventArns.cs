using Fulmen.Protocols.Arns;

namespace Fulmen.Events.Model;

/// <summary>EventBridge's ARNs: <c>event-bus/NAME</c>, and <c>rule/NAME</c> on the default bus or <c>rule/BUS/NAME</c> on another.</summary>
public static class EventArns
{
    public static string Bus(AwsAccount account, string name) => account.Arn("events", $"event-bus/{name}").ToString();

    public static string Rule(AwsAccount account, string bus, string name) =>
        account.Arn("events", bus == EventCatalog.DefaultBus ? $"rule/{name}" : $"rule/{bus}/{name}").ToString();

    /// <summary>An EventBusName parameter: a name, or this account's bus ARN.</summary>
    public static string BusName(string nameOrArn) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && nameOrArn.IndexOf(":event-bus/", StringComparison.Ordinal) is var at and >= 0
            ? nameOrArn[(at + ":event-bus/".Length)..]
            : nameOrArn;

    /// <summary>What a bus or rule ARN names: (bus, null) or (bus, rule); null when it is neither.</summary>
    public static (string Bus, string? Rule)? Parse(AwsAccount account, string arn)
    {
        if (!Arn.TryParse(arn, out var parsed) || parsed.Service != "events" || parsed.Account != account.AccountId || parsed.Region != account.Region)
        {
            return null;
        }
        var resource = parsed.Resource;
        if (resource.StartsWith("event-bus/", StringComparison.Ordinal))
        {
            return (resource["event-bus/".Length..], null);
        }
        if (resource.StartsWith("rule/", StringComparison.Ordinal))
        {
            var rest = resource["rule/".Length..];
            var slash = rest.LastIndexOf('/');
            return slash < 0 ? (EventCatalog.DefaultBus, rest) : (rest[..slash], rest[(slash + 1)..]);
        }
        return null;
    }
}
