using System.Text.RegularExpressions;
using Fulmen.Protocols.Query;
using Fulmen.Topics.Publishing;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Topics.Api;

public sealed partial class SnsApi
{
    private const int MaxBatchEntries = 10;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex BatchEntryId();

    private async Task PublishAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Optional("TopicArn") ?? form.Optional("TargetArn");
        if (arn is null)
        {
            throw SnsErrors.InvalidParameter(form.Optional("PhoneNumber") is null
                ? "TopicArn or TargetArn Reason: no value for required parameter"
                : "PhoneNumber Reason: Fulmen does not send SMS messages");
        }
        var topic = await TopicAsync(arn, context.RequestAborted);
        var outcome = await publisher.PublishAsync(topic, ReadMessage(form, ""), context.RequestAborted);
        if (!outcome.Published)
        {
            throw new QueryError(outcome.ErrorCode!, outcome.ErrorMessage!, outcome.Status);
        }
        await Respond(context, "Publish", xml =>
        {
            xml.WriteElementString("MessageId", outcome.MessageId);
            if (outcome.SequenceNumber is { } sequence)
            {
                xml.WriteElementString("SequenceNumber", sequence);
            }
        });
    }

    private async Task PublishBatchAsync(HttpContext context, IFormCollection form)
    {
        var topic = await TopicAsync(form.Required("TopicArn"), context.RequestAborted);
        var prefixes = form.StructMembers("PublishBatchRequestEntries");
        if (prefixes.Count == 0)
        {
            throw SnsErrors.EmptyBatchRequest();
        }
        if (prefixes.Count > MaxBatchEntries)
        {
            throw SnsErrors.TooManyEntriesInBatchRequest();
        }
        var entries = prefixes.Select(prefix => (Id: form.Optional(prefix + "Id") ?? "", Request: ReadMessage(form, prefix))).ToList();
        if (entries.Any(e => !BatchEntryId().IsMatch(e.Id)))
        {
            throw SnsErrors.InvalidBatchEntryId();
        }
        if (entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            throw SnsErrors.BatchEntryIdsNotDistinct();
        }
        if (entries.Sum(e => PublishValidation.Size(e.Request)) > PublishValidation.MaxSize)
        {
            throw SnsErrors.BatchRequestTooLong();
        }
        // In order: a FIFO topic's entries keep their order within each message group.
        var results = new List<(string Id, PublishOutcome Outcome)>(entries.Count);
        foreach (var (id, request) in entries)
        {
            results.Add((id, await publisher.PublishAsync(topic, request, context.RequestAborted)));
        }
        await Respond(context, "PublishBatch", xml =>
        {
            xml.WriteStartElement("Successful");
            foreach (var (id, outcome) in results.Where(r => r.Outcome.Published))
            {
                xml.WriteStartElement("member");
                xml.WriteElementString("Id", id);
                xml.WriteElementString("MessageId", outcome.MessageId);
                if (outcome.SequenceNumber is { } sequence)
                {
                    xml.WriteElementString("SequenceNumber", sequence);
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteStartElement("Failed");
            foreach (var (id, outcome) in results.Where(r => !r.Outcome.Published))
            {
                xml.WriteStartElement("member");
                xml.WriteElementString("Id", id);
                xml.WriteElementString("Code", outcome.ErrorCode);
                xml.WriteElementString("Message", outcome.ErrorMessage);
                xml.WriteElementString("SenderFault", "true");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });
    }

    /// <summary>A message's members under <paramref name="prefix"/> (empty for Publish, the entry's for PublishBatch).</summary>
    private static PublishRequest ReadMessage(IFormCollection form, string prefix)
    {
        var attributes = new Dictionary<string, TopicMessageAttribute>(StringComparer.Ordinal);
        for (var i = 1; form.Optional($"{prefix}MessageAttributes.entry.{i}.Name") is { } name; i++)
        {
            var value = $"{prefix}MessageAttributes.entry.{i}.Value.";
            var type = form.Optional(value + "DataType") ?? "";
            byte[]? binary = null;
            if (form.Optional(value + "BinaryValue") is { } base64)
            {
                try
                {
                    binary = Convert.FromBase64String(base64);
                }
                catch (FormatException)
                {
                    throw SnsErrors.InvalidParameter($"The message attribute '{name}' has an invalid binary value.");
                }
            }
            attributes[name] = new TopicMessageAttribute(type, form.Optional(value + "StringValue"), binary);
        }
        return new PublishRequest(form.Optional(prefix + "Message"), form.Optional(prefix + "Subject"), form.Optional(prefix + "MessageStructure"),
            attributes, form.Optional(prefix + "MessageGroupId"), form.Optional(prefix + "MessageDeduplicationId"));
    }
}
