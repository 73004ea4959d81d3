using System.Xml;
using Fulmen.Protocols;
using Fulmen.Protocols.Query;
using Fulmen.Topics.Delivery;
using Fulmen.Topics.Model;
using Fulmen.Topics.Publishing;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Topics.Api;

/// <summary>
/// SNS (2010-03-31) on the edge port, over the query protocol (the AWS CLI and every SDK speak it): topics, subscriptions,
/// their attributes and tags, Publish and PublishBatch. Errors are thrown as <see cref="QueryError"/>s.
/// </summary>
public sealed partial class SnsApi(TopicCatalog catalog, TopicArns arns, TopicPublisher publisher, SubscriptionConfirmations confirmations, TimeProvider time)
    : QueryService(Descriptor)
{
    public const string Namespace = "http://sns.amazonaws.com/doc/2010-03-31/";

    public static readonly AwsService Descriptor = new("sns", "sns", AwsProtocol.Query)
    {
        XmlNamespace = Namespace,
        UnavailableErrorCode = "InternalError",
        InternalErrorCode = "InternalError",
        BadRequestErrorCode = "InvalidParameter",
        QueryActions =
        [
            "CreateTopic", "DeleteTopic", "ListTopics", "GetTopicAttributes", "SetTopicAttributes", "Subscribe", "ConfirmSubscription",
            "Unsubscribe", "ListSubscriptions", "ListSubscriptionsByTopic", "GetSubscriptionAttributes", "SetSubscriptionAttributes",
            "Publish", "PublishBatch", "TagResource", "UntagResource", "ListTagsForResource",
        ],
    };

    protected override QueryOperation? Find(string action) => action switch
    {
        "CreateTopic" => CreateTopicAsync,
        "DeleteTopic" => DeleteTopicAsync,
        "ListTopics" => ListTopicsAsync,
        "GetTopicAttributes" => GetTopicAttributesAsync,
        "SetTopicAttributes" => SetTopicAttributesAsync,
        "Subscribe" => SubscribeAsync,
        "ConfirmSubscription" => ConfirmSubscriptionAsync,
        "Unsubscribe" => UnsubscribeAsync,
        "ListSubscriptions" => ListSubscriptionsAsync,
        "ListSubscriptionsByTopic" => ListSubscriptionsByTopicAsync,
        "GetSubscriptionAttributes" => GetSubscriptionAttributesAsync,
        "SetSubscriptionAttributes" => SetSubscriptionAttributesAsync,
        "Publish" => PublishAsync,
        "PublishBatch" => PublishBatchAsync,
        "TagResource" => TagResourceAsync,
        "UntagResource" => UntagResourceAsync,
        "ListTagsForResource" => ListTagsForResourceAsync,
        _ => null,
    };

    private static Task Respond(HttpContext context, string action, Action<XmlWriter>? result = null) =>
        QueryResponse.WriteAsync(context, Descriptor, action, xml => result?.Invoke(xml));

    /// <summary>A map written as SNS's <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;</c> list.</summary>
    private static void WriteMap(XmlWriter xml, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        xml.WriteStartElement(name);
        foreach (var (key, value) in map)
        {
            xml.WriteStartElement("entry");
            xml.WriteElementString("key", key);
            xml.WriteElementString("value", value);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    /// <summary>The topic an ARN names, or SNS's NotFound.</summary>
    private async Task<TopicRecord> TopicAsync(string? arn, CancellationToken cancellationToken)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw SnsErrors.InvalidParameter("TopicArn");
        }
        return arns.TopicName(arn) is { } name && await catalog.FindTopicAsync(name, cancellationToken) is { } topic
            ? topic
            : throw SnsErrors.TopicNotFound();
    }

    /// <summary>Lists are answered 100 at a time; the token is the last name (or id) given.</summary>
    private static (List<T> Page, string? Next) Page<T>(IReadOnlyList<T> all, Func<T, string> key, string? token, int size = 100)
    {
        var rest = token is null ? all : [.. all.Where(item => string.CompareOrdinal(key(item), token) > 0)];
        var page = rest.Take(size).ToList();
        return (page, rest.Count > size ? key(page[^1]) : null);
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();
}
