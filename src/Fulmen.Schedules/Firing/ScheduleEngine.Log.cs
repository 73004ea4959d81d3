using Microsoft.Extensions.Logging;

namespace Fulmen.Schedules.Firing;

public sealed partial class ScheduleEngine
{
    [LoggerMessage(1, LogLevel.Information, "Schedules: this node ({Holder}) holds the schedule lease (token {Token}); {Count} schedules loaded")]
    private partial void LogLeaseTaken(string holder, long token, int count);

    [LoggerMessage(2, LogLevel.Warning, "Schedule {Owner}/{Id}: tick {ScheduledTime:o} failed: {Reason}")]
    private partial void LogFireFailed(string owner, string id, DateTimeOffset scheduledTime, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Schedules: a holder with a newer lease token wrote the schedule state; this node stops firing until it holds the lease again")]
    private partial void LogFenced();

    [LoggerMessage(4, LogLevel.Warning, "Schedules: owner {Owner} could not list its schedules: {Reason}")]
    private partial void LogOwnerFailed(string owner, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Schedules: the schedule lease could not be checked: {Reason}")]
    private partial void LogLeaseFailed(string reason);

    [LoggerMessage(6, LogLevel.Warning, "Schedule {Owner}/{Id}: ticks from {ScheduledTime:o} are more than {Limit} late and are skipped")]
    private partial void LogSkipped(string owner, string id, DateTimeOffset scheduledTime, TimeSpan limit);

    [LoggerMessage(7, LogLevel.Warning, "Schedules: a batch of {Count} ticks could not be recorded and waits: {Reason}")]
    private partial void LogStateFailed(int count, string reason);
}
