using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fulmen.Execution.Environments;

/// <summary>Error bodies the platform writes when the runtime could not answer for itself.</summary>
internal static class PlatformError
{
    public static RuntimeReply Reply(string errorType, string errorMessage) =>
        new(true, Body(errorType, errorMessage), "application/json");

    public static byte[] Body(string errorType, string errorMessage)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", errorMessage);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

/// <summary>Why the runtime could not answer: its own <c>/init/error</c> body, or a platform error (exit, init timeout).</summary>
internal sealed record RuntimeFailure(byte[]? RuntimeBody, string Message, string ErrorType)
{
    public RuntimeReply ToReply(string requestId) => RuntimeBody is not null
        ? new RuntimeReply(true, RuntimeBody, "application/json")
        : PlatformError.Reply(ErrorType, $"RequestId: {requestId} {Message}");
}
