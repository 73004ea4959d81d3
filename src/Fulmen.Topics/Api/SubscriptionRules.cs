using System.Text.Json;
using Fulmen.Patterns;
using Fulmen.Protocols.Query;
using Fulmen.Topics.Delivery;
using Fulmen.Topics.Model;

namespace Fulmen.Topics.Api;

/// <summary>
/// Checks of a subscription's attributes as SNS makes them, for Subscribe (whose errors say <c>Attributes Reason:</c>)
/// and SetSubscriptionAttributes alike: filter policies through the shared matcher in SNS's dialect, their scope,
/// raw delivery (not for functions), the redrive policy (an SQS queue) and the http delivery policy.
/// </summary>
internal static class SubscriptionRules
{
    public const string NestedInAttributeScope = "Filter policy scope MessageAttributes does not support nested filter policy";

    /// <summary>Checks <paramref name="name"/> = <paramref name="value"/> against the subscription's other attributes.</summary>
    public static void Check(string name, string value, string protocol, IReadOnlyDictionary<string, string> others, bool inSubscribe)
    {
        QueryError Fail(string reason) => inSubscribe ? SnsErrors.InvalidAttribute(reason) : SnsErrors.InvalidParameter(reason);
        if (!SubscriptionAttributes.Settable.Contains(name))
        {
            throw inSubscribe ? SnsErrors.InvalidAttribute($"Unknown attribute {name}") : SnsErrors.InvalidParameter("AttributeName");
        }
        switch (name)
        {
            case SubscriptionAttributes.FilterPolicy when value.Length > 0:
                CheckFilterPolicy(value, others.GetValueOrDefault(SubscriptionAttributes.FilterPolicyScope) ?? "MessageAttributes");
                break;
            case SubscriptionAttributes.FilterPolicyScope when value is not ("MessageAttributes" or "MessageBody"):
                throw Fail($"FilterPolicyScope: Invalid value [{value}]. Please use either MessageBody or MessageAttributes");
            case SubscriptionAttributes.FilterPolicyScope when value == "MessageAttributes"
                && others.GetValueOrDefault(SubscriptionAttributes.FilterPolicy) is { Length: > 0 } policy && IsNested(policy):
                throw SnsErrors.InvalidParameter(NestedInAttributeScope);
            case SubscriptionAttributes.RawMessageDelivery when protocol is not ("sqs" or "http" or "https" or "firehose"):
                throw Fail($"Delivery protocol [{protocol}] does not support raw message delivery.");
            case SubscriptionAttributes.RawMessageDelivery when !bool.TryParse(value, out _):
                throw Fail($"RawMessageDelivery: Invalid value [{value}]. Must be true or false.");
            case SubscriptionAttributes.RedrivePolicy when value.Length > 0:
                CheckRedrivePolicy(value, Fail);
                break;
            case SubscriptionAttributes.DeliveryPolicy when protocol is not ("http" or "https"):
                throw Fail($"DeliveryPolicy: Delivery protocol [{protocol}] does not support delivery policies.");
            case SubscriptionAttributes.DeliveryPolicy:
                if (DeliveryPolicy.Check(value, subscription: true) is { } problem)
                {
                    throw Fail($"DeliveryPolicy: {problem}");
                }
                break;
        }
    }

    private static void CheckFilterPolicy(string policy, string scope)
    {
        try
        {
            EventPattern.Parse(policy, PatternDialect.SnsFilterPolicy);
        }
        catch (InvalidPatternException e)
        {
            throw new QueryError("InvalidParameter", e.Message);
        }
        if (scope == "MessageAttributes" && IsNested(policy))
        {
            throw SnsErrors.InvalidParameter(NestedInAttributeScope);
        }
    }

    /// <summary>Whether a (valid) policy names a key inside another key: an object where only a list of conditions may stand.</summary>
    public static bool IsNested(string policy)
    {
        using var document = JsonDocument.Parse(policy);
        return IsNested(document.RootElement);
    }

    private static bool IsNested(JsonElement node)
    {
        foreach (var field in node.EnumerateObject())
        {
            if (field.Name == "$or" && field.Value.ValueKind == JsonValueKind.Array)
            {
                if (field.Value.EnumerateArray().Any(branch => branch.ValueKind == JsonValueKind.Object && IsNested(branch)))
                {
                    return true;
                }
            }
            else if (field.Value.ValueKind == JsonValueKind.Object)
            {
                return true;
            }
        }
        return false;
    }

    private static void CheckRedrivePolicy(string value, Func<string, QueryError> fail)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value);
        }
        catch (JsonException)
        {
            throw fail("RedrivePolicy: failed to parse JSON.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw fail("RedrivePolicy: failed to parse JSON.");
            }
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name != "deadLetterTargetArn")
                {
                    throw fail($"RedrivePolicy: invalid JSON. Attribute {member.Name} is unknown.");
                }
            }
            var target = document.RootElement.TryGetProperty("deadLetterTargetArn", out var arn) && arn.ValueKind == JsonValueKind.String ? arn.GetString() : null;
            if (target is null || !target.StartsWith("arn:aws:sqs:", StringComparison.Ordinal))
            {
                throw fail("RedrivePolicy: deadLetterTargetArn is an invalid arn");
            }
        }
    }
}
