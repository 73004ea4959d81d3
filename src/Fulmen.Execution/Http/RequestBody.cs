using System.Buffers;
using System.IO.Pipelines;

namespace Fulmen.Execution.Http;

/// <summary>Reads whole request bodies under a size limit, for the APIs whose limits AWS answers with its own 413.</summary>
public static class RequestBody
{
    /// <summary>The whole body, or null as soon as it is known to be over <paramref name="limit"/> bytes.</summary>
    public static async ValueTask<byte[]?> ReadAsync(PipeReader reader, int limit)
    {
        while (true)
        {
            var read = await reader.ReadAsync();
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            if (read.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
