using System.Buffers;
using System.Text.Json;

namespace Fulmen.Functions.Http;

/// <summary>
/// One JSON writer and buffer per thread for building an event: the event is written in one synchronous pass and
/// copied out once at its exact size, so no stream grows, copies or is thrown away per request.
/// </summary>
public static class EventWriterPool
{
    /// <summary>A buffer grown past this by a large body is dropped rather than kept by the thread for good.</summary>
    private const int KeepBytes = 64 * 1024;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>The thread's writer, empty; hand it back to <see cref="ToArray"/> on the same thread.</summary>
    public static Utf8JsonWriter Rent()
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Buffer.ResetWrittenCount();
        scratch.Json.Reset(scratch.Buffer);
        return scratch.Json;
    }

    /// <summary>What was written since <see cref="Rent"/>, as its own array.</summary>
    public static byte[] ToArray(Utf8JsonWriter json)
    {
        json.Flush();
        var scratch = t_scratch!;
        var bytes = scratch.Buffer.WrittenSpan.ToArray();
        if (scratch.Buffer.Capacity > KeepBytes)
        {
            t_scratch = null;
        }
        return bytes;
    }

    private sealed class Scratch
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(4096);
        public readonly Utf8JsonWriter Json;

        public Scratch() => Json = new Utf8JsonWriter(Buffer);
    }
}
