using System.Text;
using System.Text.Json;

namespace Fulmen.Functions.EventSources.Sqs;

/// <summary>
/// AWS's SQS event: <c>{"Records":[…]}</c>, each record with its messageId, receiptHandle, body (a string),
/// attributes (strings), messageAttributes (lower-camel keys, empty lists included), md5s, <c>eventSource</c>
/// <c>aws:sqs</c>, the queue's ARN and region. Each record is written on its own so the batcher knows the payload's
/// size as it grows (the 6 MB invoke limit) and the event is joined from the pieces without writing them twice.
/// </summary>
public static class SqsEvent
{
    private static ReadOnlySpan<byte> Prefix => "{\"Records\":["u8;
    private static ReadOnlySpan<byte> Suffix => "]}"u8;

    /// <summary>Bytes the event adds around its records, plus one comma per record after the first.</summary>
    public static int Overhead(int records) => Prefix.Length + Suffix.Length + Math.Max(0, records - 1);

    /// <summary>One record's JSON, as it appears in the event.</summary>
    public static byte[] Record(SourceRecord record, string eventSourceArn, string region)
    {
        using var buffer = new MemoryStream(512 + record.Body.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("messageId", record.Id);
            json.WriteString("receiptHandle", record.ReceiptHandle);
            json.WriteString("body", record.Body);
            WriteAttributes(json, record);
            json.WriteString("md5OfBody", record.Md5OfBody);
            if (record.Md5OfMessageAttributes is not null)
            {
                json.WriteString("md5OfMessageAttributes", record.Md5OfMessageAttributes);
            }
            json.WriteString("eventSource", "aws:sqs");
            json.WriteString("eventSourceARN", eventSourceArn);
            json.WriteString("awsRegion", region);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>A record's <c>attributes</c> and <c>messageAttributes</c> members, as the event (and filters) show them.</summary>
    public static void WriteAttributes(Utf8JsonWriter json, SourceRecord record)
    {
        json.WriteStartObject("attributes");
        foreach (var (name, value) in record.Attributes)
        {
            json.WriteString(name, value);
        }
        json.WriteEndObject();
        json.WriteStartObject("messageAttributes");
        foreach (var (name, attribute) in record.MessageAttributes)
        {
            json.WriteStartObject(name);
            if (attribute.StringValue is not null)
            {
                json.WriteString("stringValue", attribute.StringValue);
            }
            if (attribute.BinaryValue is not null)
            {
                json.WriteString("binaryValue", attribute.BinaryValue);
            }
            json.WriteStartArray("stringListValues");
            json.WriteEndArray();
            json.WriteStartArray("binaryListValues");
            json.WriteEndArray();
            json.WriteString("dataType", attribute.DataType);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>The event of a batch, from its records' JSON.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> records)
    {
        var payload = new byte[Overhead(records.Count) + records.Sum(record => record.Length)];
        var span = payload.AsSpan();
        Prefix.CopyTo(span);
        var at = Prefix.Length;
        for (var i = 0; i < records.Count; i++)
        {
            if (i > 0)
            {
                payload[at++] = (byte)',';
            }
            records[i].CopyTo(span[at..]);
            at += records[i].Length;
        }
        Suffix.CopyTo(span[at..]);
        return payload;
    }

    /// <summary>The region segment of the queue's ARN (<c>arn:aws:sqs:{region}:…</c>).</summary>
    public static string RegionOf(string eventSourceArn) =>
        Protocols.Arns.Arn.TryParse(eventSourceArn, out var arn) ? arn.Region : "";

    /// <summary>For tests and logs: the whole event as text.</summary>
    public static string ToText(IReadOnlyList<byte[]> records) => Encoding.UTF8.GetString(Join(records));
}
