using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Queues.MoveTasks;

/// <summary>
/// A message move task (StartMessageMoveTask) as stored: collection <c>sqs-move-task</c>, id = task id. Written when it
/// starts, after each batch it moves, and when it ends, so ListMessageMoveTasks answers the same after a restart.
/// </summary>
public sealed record MoveTaskRecord
{
    public required string TaskId { get; init; }

    /// <summary>The dead-letter queue the messages are moved from.</summary>
    public required string SourceArn { get; init; }

    /// <summary>Null: each message goes back to the queue it was dead-lettered from.</summary>
    public string? DestinationArn { get; init; }

    public int? MaxNumberOfMessagesPerSecond { get; init; }

    /// <summary>RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED (<see cref="MoveTaskStatus"/>).</summary>
    public required string Status { get; init; }

    public long Moved { get; init; }

    /// <summary>The source's visible messages when the task started.</summary>
    public long ToMove { get; init; }

    /// <summary>Milliseconds since the epoch; only messages in the source by then are moved.</summary>
    public required long StartedTimestamp { get; init; }

    public string? FailureReason { get; init; }
}

public static class MoveTaskStatus
{
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Cancelling = "CANCELLING";
    public const string Cancelled = "CANCELLED";
    public const string Failed = "FAILED";

    public static bool IsActive(string status) => status is Running or Cancelling;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MoveTaskRecord))]
[JsonSerializable(typeof(TaskHandleText))]
internal sealed partial class MoveTasksJsonContext : JsonSerializerContext;

/// <summary>A task handle's content, as SQS's handles carry it: base64 of <c>{"taskId":…,"sourceArn":…}</c>.</summary>
internal sealed record TaskHandleText(string? TaskId, string? SourceArn)
{
    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this, MoveTasksJsonContext.Default.TaskHandleText));

    public static TaskHandleText? TryDecode(string text)
    {
        try
        {
            var decoded = JsonSerializer.Deserialize(Convert.FromBase64String(text), MoveTasksJsonContext.Default.TaskHandleText);
            return decoded is { TaskId: { Length: > 0 }, SourceArn: { Length: > 0 } } ? decoded : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
