using System.Security.Cryptography;
using System.Xml;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Query;
using Fulmen.Storage.Documents;
using Fulmen.Topics.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Topics.Api;

public sealed partial class SnsApi
{
    private const string PendingConfirmation = "pending confirmation";

    /// <summary>What SNS knows; Fulmen delivers to the first four.</summary>
    private static readonly string[] KnownProtocols = ["lambda", "sqs", "http", "https", "email", "email-json", "sms", "application", "firehose"];

    private async Task SubscribeAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TopicAsync(form.Required("TopicArn"), context.RequestAborted);
        var protocol = form.Required("Protocol");
        var endpoint = form.Optional("Endpoint") ?? "";
        var attributes = form.Map("Attributes");
        var returnArn = form.OptionalBool("ReturnSubscriptionArn") ?? false;
        CheckEndpoint(topic, protocol, endpoint);
        foreach (var (name, value) in attributes)
        {
            SubscriptionRules.Check(name, value, protocol, attributes, inSubscribe: true);
        }
        if (attributes.GetValueOrDefault(SubscriptionAttributes.FilterPolicy) is { Length: > 0 } && !attributes.ContainsKey(SubscriptionAttributes.FilterPolicyScope))
        {
            attributes[SubscriptionAttributes.FilterPolicyScope] = "MessageAttributes";
        }
        // Subscribing the same endpoint again answers the subscription it has.
        if (catalog.SubscriptionsOf(topic.Name).FirstOrDefault(s => s.Record.Protocol == protocol && s.Record.Endpoint == endpoint) is { } existing)
        {
            if (attributes.Any(a => existing.Record.Attributes.GetValueOrDefault(a.Key) != a.Value))
            {
                throw SnsErrors.InvalidAttribute("Subscription already exists with different attributes");
            }
            await RespondSubscribed(context, existing.Record, returnArn);
            return;
        }
        var confirmed = protocol is not ("http" or "https");
        var record = new SubscriptionRecord
        {
            Id = $"{topic.Name}:{Guid.NewGuid()}",
            TopicName = topic.Name,
            Protocol = protocol,
            Endpoint = endpoint,
            Confirmed = confirmed,
            Token = confirmed ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64)),
            CreatedAt = Now,
            Attributes = attributes,
        };
        await catalog.ChangeSubscriptionAsync(record.Id, _ => DocumentChange.Put(record, true), context.RequestAborted);
        if (!confirmed)
        {
            await confirmations.SendAsync(record, context.RequestAborted);
        }
        await RespondSubscribed(context, record, returnArn);
    }

    private Task RespondSubscribed(HttpContext context, SubscriptionRecord record, bool returnArn) =>
        Respond(context, "Subscribe", xml => xml.WriteElementString("SubscriptionArn",
            record.Confirmed || returnArn ? arns.Subscription(record.Id) : PendingConfirmation));

    private void CheckEndpoint(TopicRecord topic, string protocol, string endpoint)
    {
        if (!KnownProtocols.Contains(protocol))
        {
            throw SnsErrors.InvalidParameter($"Amazon SNS does not support this protocol string: {protocol}");
        }
        switch (protocol)
        {
            case "sqs" when !Arn.TryParse(endpoint, out var arn) || arn.Service != "sqs":
                throw SnsErrors.InvalidParameter("SQS endpoint ARN");
            case "lambda" when !Arn.TryParse(endpoint, out var arn) || arn.Service != "lambda":
                throw SnsErrors.InvalidParameter("Lambda endpoint ARN");
            case "http" when !endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(endpoint, UriKind.Absolute, out _):
            case "https" when !endpoint.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(endpoint, UriKind.Absolute, out _):
                throw SnsErrors.InvalidParameter("Endpoint must match the specified protocol");
            case "lambda" or "sqs" or "http" or "https":
                break;
            default:
                throw SnsErrors.InvalidParameter($"Fulmen does not deliver to protocol {protocol}; it delivers to lambda, sqs, http and https.");
        }
        if (topic.IsFifo && protocol != "sqs")
        {
            throw SnsErrors.InvalidParameter($"Invalid protocol type: {protocol}. FIFO topics support only SQS queue endpoints.");
        }
        if (!topic.IsFifo && protocol == "sqs" && endpoint.EndsWith(".fifo", StringComparison.Ordinal))
        {
            throw SnsErrors.InvalidParameter("Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
        }
    }

    private async Task ConfirmSubscriptionAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TopicAsync(form.Required("TopicArn"), context.RequestAborted);
        var token = form.Required("Token");
        var pending = catalog.SubscriptionsOf(topic.Name).FirstOrDefault(s => s.Record.Token == token) ?? throw SnsErrors.InvalidParameter("Token");
        await catalog.ChangeSubscriptionAsync(pending.Record.Id, existing => existing is null
            ? DocumentChange.Keep<SubscriptionRecord, bool>(false)
            : DocumentChange.Put(existing with { Confirmed = true }, true), context.RequestAborted);
        await Respond(context, "ConfirmSubscription", xml => xml.WriteElementString("SubscriptionArn", arns.Subscription(pending.Record.Id)));
    }

    private async Task UnsubscribeAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Required("SubscriptionArn");
        var id = arns.SubscriptionId(arn);
        if (id is null)
        {
            throw SnsErrors.InvalidParameter("SubscriptionArn");
        }
        await catalog.ChangeSubscriptionAsync(id, static _ => DocumentChange.Delete<SubscriptionRecord, bool>(true), context.RequestAborted);
        await Respond(context, "Unsubscribe");
    }

    private Task ListSubscriptionsAsync(HttpContext context, IFormCollection form) =>
        ListAsync(context, "ListSubscriptions", catalog.Subscriptions, form.Optional("NextToken"));

    private async Task ListSubscriptionsByTopicAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TopicAsync(form.Required("TopicArn"), context.RequestAborted);
        await ListAsync(context, "ListSubscriptionsByTopic", catalog.SubscriptionsOf(topic.Name), form.Optional("NextToken"));
    }

    private Task ListAsync(HttpContext context, string action, IReadOnlyList<SubscriptionEntry> all, string? token)
    {
        var (page, next) = Page(all, s => s.Record.Id, token);
        return Respond(context, action, xml =>
        {
            xml.WriteStartElement("Subscriptions");
            foreach (var subscription in page)
            {
                var record = subscription.Record;
                xml.WriteStartElement("member");
                xml.WriteElementString("SubscriptionArn", record.Confirmed ? arns.Subscription(record.Id) : "PendingConfirmation");
                xml.WriteElementString("Owner", arns.AccountId);
                xml.WriteElementString("Protocol", record.Protocol);
                xml.WriteElementString("Endpoint", record.Endpoint);
                xml.WriteElementString("TopicArn", arns.Topic(record.TopicName));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            if (next is not null)
            {
                xml.WriteElementString("NextToken", next);
            }
        });
    }

    private async Task<SubscriptionEntry> SubscriptionAsync(string arn, CancellationToken cancellationToken) =>
        arns.SubscriptionId(arn) is { } id
            ? await catalog.FindSubscriptionAsync(id, cancellationToken) ?? throw SnsErrors.SubscriptionNotFound()
            : throw SnsErrors.InvalidParameter("SubscriptionArn");

    private async Task GetSubscriptionAttributesAsync(HttpContext context, IFormCollection form)
    {
        var record = (await SubscriptionAsync(form.Required("SubscriptionArn"), context.RequestAborted)).Record;
        var topic = catalog.FindTopic(record.TopicName);
        var shown = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Owner"] = arns.AccountId,
            ["RawMessageDelivery"] = "false",
            ["TopicArn"] = arns.Topic(record.TopicName),
            ["Endpoint"] = record.Endpoint,
            ["Protocol"] = record.Protocol,
            ["PendingConfirmation"] = record.Confirmed ? "false" : "true",
            ["ConfirmationWasAuthenticated"] = record.Confirmed ? "true" : "false",
            ["SubscriptionArn"] = arns.Subscription(record.Id),
            ["SubscriptionPrincipal"] = $"arn:aws:iam::{arns.AccountId}:root",
        };
        if (record.Protocol is not ("sqs" or "http" or "https" or "firehose"))
        {
            shown.Remove("RawMessageDelivery");
        }
        foreach (var (key, value) in record.Attributes)
        {
            shown[key] = value;
        }
        if (record.Protocol is "http" or "https")
        {
            var policy = Delivery.DeliveryPolicy.For(topic, record);
            shown["EffectiveDeliveryPolicy"] =
                $$"""{"healthyRetryPolicy":{"minDelayTarget":{{policy.MinDelay}},"maxDelayTarget":{{policy.MaxDelay}},"numRetries":{{policy.NumRetries}},"numMaxDelayRetries":{{policy.NumMaxDelay}},"numNoDelayRetries":{{policy.NumNoDelay}},"numMinDelayRetries":{{policy.NumMinDelay}},"backoffFunction":"{{policy.Backoff}}"},"sicklyRetryPolicy":null,"throttlePolicy":null,"guaranteed":false}""";
        }
        await Respond(context, "GetSubscriptionAttributes", xml => WriteMap(xml, "Attributes", shown));
    }

    private async Task SetSubscriptionAttributesAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Required("SubscriptionArn");
        var name = form.Required("AttributeName");
        var value = form.Optional("AttributeValue") ?? "";
        var current = (await SubscriptionAsync(arn, context.RequestAborted)).Record;
        SubscriptionRules.Check(name, value, current.Protocol, current.Attributes, inSubscribe: false);
        var (found, _) = await catalog.ChangeSubscriptionAsync(current.Id, existing =>
        {
            if (existing is null)
            {
                return DocumentChange.Keep<SubscriptionRecord, bool>(false);
            }
            var attributes = new Dictionary<string, string>(existing.Attributes, StringComparer.Ordinal);
            if (value.Length == 0 && name is SubscriptionAttributes.FilterPolicy or SubscriptionAttributes.RedrivePolicy or SubscriptionAttributes.DeliveryPolicy)
            {
                // An empty policy removes it.
                attributes.Remove(name);
                if (name == SubscriptionAttributes.FilterPolicy)
                {
                    attributes.Remove(SubscriptionAttributes.FilterPolicyScope);
                }
            }
            else
            {
                attributes[name] = value;
                if (name == SubscriptionAttributes.FilterPolicy && !attributes.ContainsKey(SubscriptionAttributes.FilterPolicyScope))
                {
                    attributes[SubscriptionAttributes.FilterPolicyScope] = "MessageAttributes";
                }
            }
            return DocumentChange.Put(existing with { Attributes = attributes }, true);
        }, context.RequestAborted);
        _ = found ?? throw SnsErrors.SubscriptionNotFound();
        await Respond(context, "SetSubscriptionAttributes");
    }
}
