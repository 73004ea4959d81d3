using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// The JSON SNS delivers: the envelope an SQS queue or http(s) endpoint gets (<c>SigningCertURL</c>,
/// <c>UnsubscribeURL</c>), the event a function gets (<c>{"Records":[{"EventSource":"aws:sns",…,"Sns":{…}}]}</c>, with
/// <c>SigningCertUrl</c> and <c>UnsubscribeUrl</c>, <c>Subject</c> null when absent), and a subscription confirmation.
/// </summary>
public sealed class NotificationJson(TopicOptions options)
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string SigningCertUrl => options.EndpointUrl + MessageSigner.CertificatePath;

    public string UnsubscribeUrl(string subscriptionArn) => $"{options.EndpointUrl}/?Action=Unsubscribe&SubscriptionArn={subscriptionArn}";

    public string SubscribeUrl(string topicArn, string token) =>
        $"{options.EndpointUrl}/?Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(topicArn)}&Token={Uri.EscapeDataString(token)}";

    /// <summary>The envelope of a notification for an SQS queue or an http(s) endpoint.</summary>
    public string Envelope(DeliveryItem item, string topicArn, string subscriptionArn) => Write(json =>
    {
        json.WriteString("Type", DeliveryItem.Notification);
        json.WriteString("MessageId", item.MessageId);
        if (item.SequenceNumber is { } sequence)
        {
            json.WriteString("SequenceNumber", sequence);
        }
        json.WriteString("TopicArn", topicArn);
        if (item.Subject is { } subject)
        {
            json.WriteString("Subject", subject);
        }
        json.WriteString("Message", item.Message);
        json.WriteString("Timestamp", item.Timestamp);
        json.WriteString("SignatureVersion", MessageSigner.SignatureVersion);
        json.WriteString("Signature", item.Signature);
        json.WriteString("SigningCertURL", SigningCertUrl);
        json.WriteString("UnsubscribeURL", UnsubscribeUrl(subscriptionArn));
        if (item.Attributes is { Count: > 0 } attributes)
        {
            WriteAttributes(json, attributes);
        }
    });

    /// <summary>The subscription confirmation an http(s) endpoint gets before any notification.</summary>
    public string Confirmation(DeliveryItem item, string topicArn) => Write(json =>
    {
        json.WriteString("Type", DeliveryItem.SubscriptionConfirmation);
        json.WriteString("MessageId", item.MessageId);
        json.WriteString("Token", item.Token);
        json.WriteString("TopicArn", topicArn);
        json.WriteString("Message", item.Message);
        json.WriteString("SubscribeURL", SubscribeUrl(topicArn, item.Token!));
        json.WriteString("Timestamp", item.Timestamp);
        json.WriteString("SignatureVersion", MessageSigner.SignatureVersion);
        json.WriteString("Signature", item.Signature);
        json.WriteString("SigningCertURL", SigningCertUrl);
    });

    /// <summary>The event a function is invoked with: one record, as Lambda documents it for SNS.</summary>
    public byte[] LambdaEvent(DeliveryItem item, string topicArn, string subscriptionArn)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + item.Message.Length);
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            json.WriteStartObject();
            json.WriteString("EventSource", "aws:sns");
            json.WriteString("EventVersion", "1.0");
            json.WriteString("EventSubscriptionArn", subscriptionArn);
            json.WriteStartObject("Sns");
            json.WriteString("Type", DeliveryItem.Notification);
            json.WriteString("MessageId", item.MessageId);
            json.WriteString("TopicArn", topicArn);
            if (item.Subject is { } subject)
            {
                json.WriteString("Subject", subject);
            }
            else
            {
                json.WriteNull("Subject");
            }
            json.WriteString("Message", item.Message);
            json.WriteString("Timestamp", item.Timestamp);
            json.WriteString("SignatureVersion", MessageSigner.SignatureVersion);
            json.WriteString("Signature", item.Signature);
            json.WriteString("SigningCertUrl", SigningCertUrl);
            json.WriteString("UnsubscribeUrl", UnsubscribeUrl(subscriptionArn));
            WriteAttributes(json, item.Attributes);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAttributes(Utf8JsonWriter json, Dictionary<string, StoredAttribute>? attributes)
    {
        json.WriteStartObject("MessageAttributes");
        foreach (var (name, value) in attributes ?? [])
        {
            json.WriteStartObject(name);
            json.WriteString("Type", value.Type);
            json.WriteString("Value", value.Value);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
