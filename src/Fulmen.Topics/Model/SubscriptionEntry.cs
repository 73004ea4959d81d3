using Fulmen.Patterns;

namespace Fulmen.Topics.Model;

/// <summary>
/// A subscription as Publish uses it: the record, its compiled filter policy (null: every message) and scope, and its
/// delivery settings read once.
/// </summary>
public sealed record SubscriptionEntry(SubscriptionRecord Record, EventPattern? FilterPolicy, bool FilterOnBody, bool Raw)
{
    public static SubscriptionEntry From(SubscriptionRecord record)
    {
        var attributes = record.Attributes;
        EventPattern? policy = null;
        if (attributes.TryGetValue(SubscriptionAttributes.FilterPolicy, out var text) && text.Length > 0)
        {
            try
            {
                policy = EventPattern.Parse(text, PatternDialect.SnsFilterPolicy);
            }
            catch (InvalidPatternException)
            {
                // Checked when set; a policy a later matcher refuses matches nothing rather than stop the server loading.
                policy = EventPattern.Parse("""{"\u0000never":["\u0000"]}""", PatternDialect.SnsFilterPolicy);
            }
        }
        var onBody = attributes.TryGetValue(SubscriptionAttributes.FilterPolicyScope, out var scope) && scope == "MessageBody";
        var raw = attributes.TryGetValue(SubscriptionAttributes.RawMessageDelivery, out var r) && r.Equals("true", StringComparison.OrdinalIgnoreCase);
        return new SubscriptionEntry(record, policy, onBody, raw);
    }
}
