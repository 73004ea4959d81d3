using System.Text.RegularExpressions;
using Fulmen.Protocols.Query;
using Fulmen.Storage.Documents;
using Fulmen.Topics.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Topics.Api;

public sealed partial class SnsApi
{
    private const string FifoNameRule =
        "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TopicName();

    private async Task CreateTopicAsync(HttpContext context, IFormCollection form)
    {
        var name = form.Required("Name");
        var attributes = form.Map("Attributes");
        var tags = ReadTags(form);
        var fifo = attributes.TryGetValue(TopicAttributes.FifoTopic, out var fifoText) && fifoText.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (fifo != name.EndsWith(".fifo", StringComparison.Ordinal) || !TopicName().IsMatch(fifo ? name[..^5] : name) || name.Length > 256)
        {
            throw SnsErrors.InvalidParameter(fifo || name.EndsWith(".fifo", StringComparison.Ordinal) ? FifoNameRule : "Topic Name");
        }
        foreach (var (key, value) in attributes)
        {
            if (key == TopicAttributes.FifoTopic)
            {
                attributes[key] = fifo ? "true" : "false";
                continue;
            }
            CheckTopicAttribute(key, value, fifo);
        }
        if (!fifo)
        {
            attributes.Remove(TopicAttributes.FifoTopic);
        }
        var (_, error) = await catalog.ChangeTopicAsync(name, existing =>
        {
            if (existing is null)
            {
                return DocumentChange.Put(new TopicRecord { Name = name, CreatedAt = Now, Attributes = attributes, Tags = tags }, (QueryError?)null);
            }
            // Creating a topic again is idempotent while it asks for what the topic already has.
            if (attributes.Any(a => !existing.Attributes.TryGetValue(a.Key, out var v) || v != a.Value))
            {
                return DocumentChange.Keep<TopicRecord, QueryError?>(SnsErrors.InvalidAttribute("Topic already exists with different attributes"));
            }
            if (tags.Count > 0 && tags.Any(t => !existing.Tags.TryGetValue(t.Key, out var v) || v != t.Value))
            {
                return DocumentChange.Keep<TopicRecord, QueryError?>(SnsErrors.InvalidParameter("Tags Reason: Topic already exists with different tags"));
            }
            return DocumentChange.Keep<TopicRecord, QueryError?>(null);
        }, context.RequestAborted);
        if (error is not null)
        {
            throw error;
        }
        await Respond(context, "CreateTopic", xml => xml.WriteElementString("TopicArn", arns.Topic(name)));
    }

    private async Task DeleteTopicAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Required("TopicArn");
        if (arns.TopicName(arn) is { } name)
        {
            await catalog.ChangeTopicAsync(name, static _ => DocumentChange.Delete<TopicRecord, bool>(true), context.RequestAborted);
            // A deleted topic's subscriptions go with it, as on AWS.
            foreach (var subscription in catalog.SubscriptionsOf(name))
            {
                await catalog.ChangeSubscriptionAsync(subscription.Record.Id, static _ => DocumentChange.Delete<SubscriptionRecord, bool>(true), context.RequestAborted);
            }
        }
        else if (!arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw SnsErrors.InvalidParameter("TopicArn");
        }
        await Respond(context, "DeleteTopic");
    }

    private Task ListTopicsAsync(HttpContext context, IFormCollection form)
    {
        var (page, next) = Page(catalog.Topics, t => t.Name, form.Optional("NextToken"));
        return Respond(context, "ListTopics", xml =>
        {
            xml.WriteStartElement("Topics");
            foreach (var topic in page)
            {
                xml.WriteStartElement("member");
                xml.WriteElementString("TopicArn", arns.Topic(topic.Name));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            if (next is not null)
            {
                xml.WriteElementString("NextToken", next);
            }
        });
    }

    private async Task GetTopicAttributesAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TopicAsync(form.Required("TopicArn"), context.RequestAborted);
        var arn = arns.Topic(topic.Name);
        var subscriptions = catalog.SubscriptionsOf(topic.Name);
        var shown = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [TopicAttributes.Policy] = TopicAttributes.DefaultPolicy(arn, arns.AccountId),
            ["Owner"] = arns.AccountId,
            ["SubscriptionsPending"] = subscriptions.Count(s => !s.Record.Confirmed).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TopicArn"] = arn,
            ["EffectiveDeliveryPolicy"] = TopicAttributes.DefaultEffectiveDeliveryPolicy,
            ["SubscriptionsConfirmed"] = subscriptions.Count(s => s.Record.Confirmed).ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TopicAttributes.DisplayName] = "",
            ["SubscriptionsDeleted"] = "0",
        };
        if (topic.IsFifo)
        {
            shown[TopicAttributes.FifoTopic] = "true";
            shown[TopicAttributes.ContentBasedDeduplication] = "false";
        }
        foreach (var (key, value) in topic.Attributes)
        {
            shown[key] = value;
        }
        if (topic.Attributes.TryGetValue(TopicAttributes.DeliveryPolicy, out var delivery))
        {
            shown["EffectiveDeliveryPolicy"] = delivery;
        }
        await Respond(context, "GetTopicAttributes", xml => WriteMap(xml, "Attributes", shown));
    }

    private async Task SetTopicAttributesAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Required("TopicArn");
        var name = form.Required("AttributeName");
        var value = form.Optional("AttributeValue") ?? "";
        var topic = await TopicAsync(arn, context.RequestAborted);
        CheckTopicAttribute(name, value, topic.IsFifo);
        var (found, _) = await catalog.ChangeTopicAsync(topic.Name, existing => existing is null
            ? DocumentChange.Keep<TopicRecord, bool>(false)
            : DocumentChange.Put(existing with { Attributes = new(existing.Attributes, StringComparer.Ordinal) { [name] = value } }, true), context.RequestAborted);
        _ = found ?? throw SnsErrors.TopicNotFound();
        await Respond(context, "SetTopicAttributes");
    }

    private static void CheckTopicAttribute(string name, string value, bool fifo)
    {
        if (!TopicAttributes.Settable.Contains(name))
        {
            throw SnsErrors.InvalidParameter("AttributeName");
        }
        switch (name)
        {
            case TopicAttributes.ContentBasedDeduplication when !fifo:
                throw SnsErrors.InvalidAttribute("ContentBasedDeduplication: Content based deduplication can only be set for FIFO topics");
            case TopicAttributes.ContentBasedDeduplication when !bool.TryParse(value, out _):
                throw SnsErrors.InvalidAttribute($"ContentBasedDeduplication: Invalid value [{value}]. Must be true or false.");
            case TopicAttributes.DisplayName when value.Length > 100:
                throw SnsErrors.InvalidParameter("DisplayName");
            case TopicAttributes.Policy or TopicAttributes.DeliveryPolicy when !Json.IsObject(value):
                throw SnsErrors.InvalidAttribute($"{name}: failed to parse JSON.");
            case TopicAttributes.DeliveryPolicy:
                if (Delivery.DeliveryPolicy.Check(value, subscription: false) is { } problem)
                {
                    throw SnsErrors.InvalidAttribute($"DeliveryPolicy: {problem}");
                }
                break;
        }
    }
}
