using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Fulmen.Patterns;

namespace Fulmen.Topics.Publishing;

/// <summary>
/// What a filter policy is matched against, built once per message: in the <c>MessageAttributes</c> scope an object of
/// the attributes (<c>String</c> as strings, <c>Number</c> as numbers, <c>String.Array</c> as arrays; <c>Binary</c>
/// never matches), in the <c>MessageBody</c> scope the body when it is a JSON object.
/// </summary>
internal sealed class FilterInput : IDisposable
{
    private readonly JsonDocument _attributes;
    private readonly JsonDocument? _body;

    public FilterInput(string message, IReadOnlyDictionary<string, TopicMessageAttribute> attributes)
    {
        _attributes = JsonDocument.Parse(AttributesJson(attributes));
        try
        {
            _body = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            _body = null;
        }
    }

    public bool Matches(EventPattern? policy, bool onBody) =>
        policy is null || (onBody ? _body is not null && policy.Matches(_body.RootElement) : policy.Matches(_attributes.RootElement));

    public void Dispose()
    {
        _attributes.Dispose();
        _body?.Dispose();
    }

    private static byte[] AttributesJson(IReadOnlyDictionary<string, TopicMessageAttribute> attributes)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                var baseType = value.DataType.Split('.')[0];
                if (value.DataType == "String.Array")
                {
                    json.WritePropertyName(name);
                    using var array = JsonDocument.Parse(value.StringValue!);
                    array.RootElement.WriteTo(json);
                }
                else if (baseType == "Number")
                {
                    json.WriteNumber(name, double.Parse(value.StringValue!, NumberStyles.Float, CultureInfo.InvariantCulture));
                }
                else if (baseType == "String")
                {
                    json.WriteString(name, value.StringValue);
                }
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
