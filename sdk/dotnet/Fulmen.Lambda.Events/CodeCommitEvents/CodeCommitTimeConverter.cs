using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CodeCommitEvents;

/// <summary>CodeCommit's <c>eventTime</c> (<c>2024-05-24T14:10:05.512+0000</c>, an offset without a colon) as a UTC <see cref="DateTime"/>.</summary>
public sealed class CodeCommitTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new JsonException($"'{text}' is not a timestamp.");
        }
        return time.UtcDateTime;
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture));
}
