using Fulmen.Protocols.Query;
using Fulmen.Storage.Documents;
using Fulmen.Topics.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Topics.Api;

public sealed partial class SnsApi
{
    private const int MaxTags = 50;

    /// <summary><c>Tags.member.N.Key</c> / <c>.Value</c>, with SNS's limits on keys and values.</summary>
    private static Dictionary<string, string> ReadTags(IFormCollection form)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var prefix in form.StructMembers("Tags"))
        {
            var key = form.Optional(prefix + "Key") ?? throw SnsErrors.InvalidParameter("Tags Reason: Tag key must not be null");
            var value = form.Optional(prefix + "Value") ?? "";
            if (key.Length is 0 or > 128)
            {
                throw SnsErrors.InvalidParameter("Tags Reason: Tag key length must be between 1 and 128");
            }
            if (value.Length > 256)
            {
                throw SnsErrors.InvalidParameter("Tags Reason: Tag value length must be between 0 and 256");
            }
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw SnsErrors.InvalidParameter("Tags Reason: Keys starting with 'aws:' are reserved for internal use");
            }
            tags[key] = value;
        }
        if (tags.Count > MaxTags)
        {
            throw SnsErrors.TagLimitExceeded();
        }
        return tags;
    }

    private async Task<TopicRecord> TaggedTopicAsync(IFormCollection form, CancellationToken cancellationToken) =>
        arns.TopicName(form.Required("ResourceArn")) is { } name && await catalog.FindTopicAsync(name, cancellationToken) is { } topic
            ? topic
            : throw SnsErrors.ResourceNotFound();

    private async Task TagResourceAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TaggedTopicAsync(form, context.RequestAborted);
        var tags = ReadTags(form);
        var (_, error) = await catalog.ChangeTopicAsync(topic.Name, existing =>
        {
            if (existing is null)
            {
                return DocumentChange.Keep<TopicRecord, QueryError?>(SnsErrors.ResourceNotFound());
            }
            var merged = new Dictionary<string, string>(existing.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in tags)
            {
                merged[key] = value;
            }
            return merged.Count > MaxTags
                ? DocumentChange.Keep<TopicRecord, QueryError?>(SnsErrors.TagLimitExceeded())
                : DocumentChange.Put(existing with { Tags = merged }, (QueryError?)null);
        }, context.RequestAborted);
        if (error is not null)
        {
            throw error;
        }
        await Respond(context, "TagResource");
    }

    private async Task UntagResourceAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TaggedTopicAsync(form, context.RequestAborted);
        var keys = form.Members("TagKeys");
        await catalog.ChangeTopicAsync(topic.Name, existing => existing is null
            ? DocumentChange.Keep<TopicRecord, bool>(false)
            : DocumentChange.Put(existing with { Tags = existing.Tags.Where(t => !keys.Contains(t.Key)).ToDictionary(StringComparer.Ordinal) }, true),
            context.RequestAborted);
        await Respond(context, "UntagResource");
    }

    private async Task ListTagsForResourceAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TaggedTopicAsync(form, context.RequestAborted);
        await Respond(context, "ListTagsForResource", xml =>
        {
            xml.WriteStartElement("Tags");
            foreach (var (key, value) in topic.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                xml.WriteStartElement("member");
                xml.WriteElementString("Key", key);
                xml.WriteElementString("Value", value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });
    }
}
