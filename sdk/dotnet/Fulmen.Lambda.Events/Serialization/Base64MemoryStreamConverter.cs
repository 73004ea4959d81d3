using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.Serialization;

/// <summary>A base64 JSON string as a <see cref="MemoryStream"/> of its bytes (Kinesis data, DynamoDB binary attributes).</summary>
public sealed class Base64MemoryStreamConverter : JsonConverter<MemoryStream>
{
    public override MemoryStream Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetBytesFromBase64());

    public override void Write(Utf8JsonWriter writer, MemoryStream value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value.TryGetBuffer(out var bytes) ? bytes : value.ToArray());
}
