using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Fulmen.Functions.Async.Destinations;

/// <summary>
/// The invocation record AWS sends to a destination (version 1.0): what was asked, how it ended, and the
/// function's last response. <see cref="ToJson"/> writes it exactly in AWS's shape.
/// </summary>
public sealed class DestinationRecord
{
    public required DateTimeOffset Timestamp { get; init; }
    public required string RequestId { get; init; }
    /// <summary>Always qualified (<c>:$LATEST</c> or the version).</summary>
    public required string FunctionArn { get; init; }
    /// <summary><see cref="Conditions"/>: Success, RetriesExhausted or EventAgeExceeded.</summary>
    public required string Condition { get; init; }
    public required int ApproximateInvokeCount { get; init; }
    public required ReadOnlyMemory<byte> RequestPayload { get; init; }
    /// <summary>Null when the function never ran (its event aged out while throttled).</summary>
    public LastResponse? Response { get; init; }

    public static class Conditions
    {
        public const string Success = "Success";
        public const string RetriesExhausted = "RetriesExhausted";
        public const string EventAgeExceeded = "EventAgeExceeded";
    }

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256 + RequestPayload.Length + (Response?.Payload.Length ?? 0));
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteString("timestamp", Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("requestContext");
            json.WriteString("requestId", RequestId);
            json.WriteString("functionArn", FunctionArn);
            json.WriteString("condition", Condition);
            json.WriteNumber("approximateInvokeCount", ApproximateInvokeCount);
            json.WriteEndObject();
            json.WritePropertyName("requestPayload");
            WriteJsonOrString(json, RequestPayload.Span);
            if (Response is { } response)
            {
                json.WriteStartObject("responseContext");
                json.WriteNumber("statusCode", response.StatusCode);
                json.WriteString("executedVersion", response.ExecutedVersion);
                if (response.FunctionError is { } error)
                {
                    json.WriteString("functionError", error);
                }
                json.WriteEndObject();
                json.WritePropertyName("responsePayload");
                WriteJsonOrString(json, response.Payload.Span);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Payloads are embedded as JSON; one that is not valid JSON (a raw bootstrap reply) becomes a string.</summary>
    private static void WriteJsonOrString(Utf8JsonWriter json, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            json.WriteNullValue();
            return;
        }
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(payload);
        }
    }
}

/// <summary>The last attempt's answer, as the function gave it.</summary>
public sealed record LastResponse(int StatusCode, string ExecutedVersion, string? FunctionError, ReadOnlyMemory<byte> Payload);
