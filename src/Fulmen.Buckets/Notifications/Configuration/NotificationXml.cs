using System.Xml;
using System.Xml.Linq;
using Fulmen.Buckets.Api;

namespace Fulmen.Buckets.Notifications.Configuration;

/// <summary>
/// The <c>NotificationConfiguration</c> document of <c>PUT/GET /{bucket}?notification</c>: topic, queue and function
/// (<c>CloudFunctionConfiguration</c>) configurations, each with events and a key filter, and <c>EventBridgeConfiguration</c>.
/// </summary>
internal static class NotificationXml
{
    private static readonly (DestinationKind Kind, string Element, string Arn)[] Kinds =
    [
        (DestinationKind.Topic, "TopicConfiguration", "Topic"),
        (DestinationKind.Queue, "QueueConfiguration", "Queue"),
        (DestinationKind.Lambda, "CloudFunctionConfiguration", "CloudFunction"),
    ];

    /// <summary>The rules of the document, in S3's order (topics, queues, functions); S3's errors for what it refuses.</summary>
    public static (List<NotificationRule> Rules, bool EventBridge) Parse(XElement root)
    {
        if (root.Name.LocalName != "NotificationConfiguration")
        {
            throw S3Errors.MalformedXml();
        }
        var rules = new List<NotificationRule>();
        foreach (var (kind, element, arnElement) in Kinds)
        {
            foreach (var configuration in root.Elements(element))
            {
                var arn = configuration.Element(arnElement)?.Value.Trim();
                var events = configuration.Elements("Event").Select(e => e.Value.Trim()).ToList();
                if (string.IsNullOrEmpty(arn) || events.Count == 0)
                {
                    throw S3Errors.MalformedXml();
                }
                if (events.FirstOrDefault(e => !EventTypes.IsKnown(e)) is { } unknown)
                {
                    throw S3Errors.InvalidArgument("The event is not supported for notifications", "Event", unknown);
                }
                var (prefix, suffix) = Filter(configuration.Element("Filter"));
                var id = configuration.Element("Id")?.Value is { Length: > 0 } given ? given : NewId();
                rules.Add(new NotificationRule(kind, id, arn, [.. events.Distinct()], prefix, suffix));
            }
        }
        return (rules, root.Element("EventBridgeConfiguration") is not null);
    }

    private static (string? Prefix, string? Suffix) Filter(XElement? filter)
    {
        string? prefix = null, suffix = null;
        foreach (var rule in filter?.Element("S3Key")?.Elements("FilterRule") ?? [])
        {
            var name = rule.Element("Name")?.Value ?? "";
            var value = rule.Element("Value")?.Value ?? "";
            if (name.Equals("prefix", StringComparison.OrdinalIgnoreCase))
            {
                prefix = prefix is null ? value : throw S3Errors.InvalidArgument("Cannot specify more than one prefix rule in a filter.", "FilterRule", "prefix");
            }
            else if (name.Equals("suffix", StringComparison.OrdinalIgnoreCase))
            {
                suffix = suffix is null ? value : throw S3Errors.InvalidArgument("Cannot specify more than one suffix rule in a filter.", "FilterRule", "suffix");
            }
            else
            {
                throw S3Errors.InvalidArgument("filter rule name must be either prefix or suffix", "FilterRule", name);
            }
        }
        return (NullIfEmpty(prefix), NullIfEmpty(suffix));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>S3 names a configuration put without an id; its ids look like base64 of random bytes.</summary>
    private static string NewId() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('/', '-').Replace('+', '_');

    public static void Write(XmlWriter xml, BucketNotificationRecord? record)
    {
        if (record is null)
        {
            return;
        }
        foreach (var (kind, element, arnElement) in Kinds)
        {
            foreach (var rule in record.Rules.Where(r => r.Kind == kind))
            {
                xml.WriteStartElement(element);
                xml.WriteElementString("Id", rule.Id);
                xml.WriteElementString(arnElement, rule.Arn);
                rule.Events.ForEach(e => xml.WriteElementString("Event", e));
                if (rule.Prefix is not null || rule.Suffix is not null)
                {
                    xml.WriteStartElement("Filter");
                    xml.WriteStartElement("S3Key");
                    FilterRule(xml, "Prefix", rule.Prefix);
                    FilterRule(xml, "Suffix", rule.Suffix);
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
        }
        if (record.EventBridge)
        {
            xml.WriteStartElement("EventBridgeConfiguration");
            xml.WriteEndElement();
        }
    }

    private static void FilterRule(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteStartElement("FilterRule");
            xml.WriteElementString("Name", name);
            xml.WriteElementString("Value", value);
            xml.WriteEndElement();
        }
    }
}
