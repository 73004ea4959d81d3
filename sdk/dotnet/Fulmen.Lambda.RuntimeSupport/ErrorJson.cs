using System.Text.Json;

namespace Fulmen.Lambda.RuntimeSupport;

/// <summary>
/// An exception as AWS's .NET runtime reports it: <c>errorType</c> (the exception type's name),
/// <c>errorMessage</c>, <c>stackTrace</c> (one frame per entry), then <c>cause</c> for an inner exception
/// or <c>causes</c> for the exceptions of an <see cref="AggregateException"/>.
/// </summary>
internal static class ErrorJson
{
    private const int MaxDepth = 16;

    public static byte[] Write(Exception exception)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteException(writer, exception, 0);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The stack trace's frames up to where the host called into the function: the reflection and invoke-loop
    /// frames below the handler are the host's, not the function's.
    /// </summary>
    private static List<string> FunctionFrames(string? stackTrace)
    {
        var frames = new List<string>();
        foreach (var line in (stackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsHostFrame(line))
            {
                break;
            }
            frames.Add(line);
        }
        while (frames.Count > 0 && frames[^1].StartsWith("---", StringComparison.Ordinal))
        {
            frames.RemoveAt(frames.Count - 1);
        }
        return frames;
    }

    private static bool IsHostFrame(string frame) =>
        frame.StartsWith("at System.Reflection.", StringComparison.Ordinal)
        || frame.StartsWith("at System.RuntimeType.CreateInstance", StringComparison.Ordinal)
        || frame.StartsWith("at System.RuntimeMethodHandle.InvokeMethod", StringComparison.Ordinal)
        || frame.StartsWith("at Fulmen.Lambda.RuntimeHost.", StringComparison.Ordinal)
        || frame.StartsWith("at Fulmen.Lambda.RuntimeSupport.", StringComparison.Ordinal)
        || frame.StartsWith("at Program.", StringComparison.Ordinal);

    private static void WriteException(Utf8JsonWriter writer, Exception exception, int depth)
    {
        writer.WriteStartObject();
        writer.WriteString("errorType", exception.GetType().Name);
        writer.WriteString("errorMessage", exception.Message);
        var frames = FunctionFrames(exception.StackTrace);
        if (frames.Count > 0)
        {
            writer.WriteStartArray("stackTrace");
            foreach (var frame in frames)
            {
                writer.WriteStringValue(frame);
            }
            writer.WriteEndArray();
        }
        if (depth < MaxDepth)
        {
            if (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                writer.WriteStartArray("causes");
                foreach (var inner in aggregate.InnerExceptions)
                {
                    WriteException(writer, inner, depth + 1);
                }
                writer.WriteEndArray();
            }
            else if (exception.InnerException is { } inner)
            {
                writer.WritePropertyName("cause");
                WriteException(writer, inner, depth + 1);
            }
        }
        writer.WriteEndObject();
    }
}
