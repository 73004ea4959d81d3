using System.Globalization;

namespace Fulmen.Scheduler.Firing;

/// <summary>
/// The payload a schedule sends: its target's <c>Input</c> as given, with the context attributes AWS documents
/// (<c>&lt;aws.scheduler.schedule-arn&gt;</c>, <c>…scheduled-time&gt;</c>, <c>…execution-id&gt;</c>,
/// <c>…attempt-number&gt;</c>) replaced by their values; <c>{}</c> when there is no Input.
/// </summary>
public static class ScheduleInput
{
    public const string Empty = "{}";

    public static string Render(string? input, string scheduleArn, DateTimeOffset scheduledTime, string executionId, int attempt)
    {
        if (string.IsNullOrEmpty(input))
        {
            return Empty;
        }
        if (!input.Contains("<aws.scheduler.", StringComparison.Ordinal))
        {
            return input;
        }
        return input
            .Replace("<aws.scheduler.schedule-arn>", scheduleArn, StringComparison.Ordinal)
            .Replace("<aws.scheduler.scheduled-time>", ScheduledTime(scheduledTime), StringComparison.Ordinal)
            .Replace("<aws.scheduler.execution-id>", executionId, StringComparison.Ordinal)
            .Replace("<aws.scheduler.attempt-number>", attempt.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>AWS's form: <c>2022-03-22T18:59:43Z</c>.</summary>
    public static string ScheduledTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A new execution id, sixteen hex digits like AWS's (<c>d32c5kddcf5bb8c3</c>).</summary>
    public static string NewExecutionId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
}
