using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.Serialization;

/// <summary>Seconds since the Unix epoch, with a fraction (Kinesis <c>approximateArrivalTimestamp</c>), as a UTC <see cref="DateTime"/>.</summary>
public sealed class EpochSecondsDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round(reader.GetDecimal() * TimeSpan.TicksPerSecond));

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((decimal)(value.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
}

/// <summary>Milliseconds since the Unix epoch as a UTC <see cref="DateTime"/>.</summary>
public sealed class EpochMillisecondsDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round(reader.GetDecimal() * TimeSpan.TicksPerMillisecond));

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((decimal)(value.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond);
}
