using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fulmen.Events.Delivery;
using Fulmen.Protocols.Arns;
using Fulmen.Scheduler.Model;
using Fulmen.Schedules.Firing;
using Fulmen.Storage.Documents;
using Microsoft.Extensions.Logging;

namespace Fulmen.Scheduler.Firing;

/// <summary>
/// The Scheduler's schedules as the schedule engine sees them (owner <c>scheduler</c>): every enabled schedule, fired by
/// sending its Input to its target as <c>scheduler.amazonaws.com</c> under the target's retry policy and dead-letter
/// queue. The schedule's execution role stands for the caller, so a function's resource-based policy is not asked.
/// After the last tick of a schedule whose ActionAfterCompletion is DELETE, the schedule is deleted.
/// </summary>
public sealed partial class SchedulerOwner(ScheduleCatalog catalog, ITargetSender sender, AwsAccount account, ILogger<SchedulerOwner> logger) : IScheduleOwner
{
    public const string Principal = "scheduler.amazonaws.com";

    public string Name => ScheduleCatalog.OwnerName;

    public IEnumerable<ScheduleEntry> Schedules()
    {
        foreach (var schedule in catalog.Schedules)
        {
            if (Entry(schedule) is { } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>What the engine keeps of one schedule; null for a disabled one, or one a later parser refuses.</summary>
    public static ScheduleEntry? Entry(StoredSchedule schedule)
    {
        var r = schedule.Record;
        if (!r.IsEnabled || schedule.Expression is null || schedule.Zone is null)
        {
            return null;
        }
        var window = r.FlexibleTimeWindowMode == "FLEXIBLE" && r.MaximumWindowInMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : TimeSpan.Zero;
        return new ScheduleEntry(r.Key, schedule.Expression, schedule.Zone, Instant(r.StartDate), Instant(r.EndDate),
            // A rate without a StartDate counts from when the schedule was last written (AWS starts it then).
            Instant(r.LastModificationDate)!.Value, window, $"{r.CreationDate:R}/{r.Revision}");
    }

    public async Task FireAsync(ScheduleEntry entry, ScheduleTick tick, CancellationToken cancellationToken)
    {
        if (catalog.FindSchedule(entry.Id) is not { } schedule || !schedule.Record.IsEnabled)
        {
            return; // deleted or disabled since the engine read it
        }
        var record = schedule.Record;
        var scheduleArn = SchedulerArns.Schedule(account, record.GroupName, record.Name);
        var target = JsonNode.Parse(record.TargetJson)!.AsObject();
        var executionId = ScheduleInput.NewExecutionId();
        var payload = ScheduleInput.Render(Text(target["Input"]), scheduleArn, tick.ScheduledTime, executionId, attempt: 1);
        var retry = target["RetryPolicy"];
        var send = new TargetSend(
            Text(target["Arn"]) ?? "",
            payload,
            Principal,
            scheduleArn,
            CheckResourcePolicy: false,
            new TargetRetryPolicy(
                (int?)retry?["MaximumRetryAttempts"] ?? 185,
                (int?)retry?["MaximumEventAgeInSeconds"] ?? 86_400),
            Text(target["DeadLetterConfig"]?["Arn"]),
            Text(target["SqsParameters"]?["MessageGroupId"]),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["SCHEDULE_ARN"] = scheduleArn,
                ["SCHEDULED_TIME"] = ScheduleInput.ScheduledTime(tick.ScheduledTime),
                ["EXECUTION_ID"] = executionId,
            })
        {
            // One tick is one message on a FIFO queue, even when a crash makes the engine fire it again.
            MessageDeduplicationId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{scheduleArn}@{tick.ScheduledTime.ToUnixTimeSeconds()}"))),
        };
        await sender.SendAsync(send, cancellationToken);
        if (tick.IsLast && record.ActionAfterCompletion == "DELETE")
        {
            await DeleteCompletedAsync(record, cancellationToken);
        }
    }

    /// <summary>Deletes the schedule only if it is still the one that fired (not changed since).</summary>
    private async Task DeleteCompletedAsync(ScheduleRecord fired, CancellationToken cancellationToken)
    {
        var (_, deleted) = await catalog.ChangeScheduleAsync(fired.GroupName, fired.Name, existing =>
            existing is not null && existing.Revision == fired.Revision && existing.CreationDate == fired.CreationDate
                ? DocumentChange.Delete<ScheduleRecord, bool>(true)
                : DocumentChange.Keep<ScheduleRecord, bool>(false), cancellationToken);
        if (deleted)
        {
            LogDeleted(fired.GroupName, fired.Name);
        }
    }

    private static DateTimeOffset? Instant(double? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(s * 1000)) : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Schedule {Group}/{Name} completed and was deleted (ActionAfterCompletion DELETE)")]
    private partial void LogDeleted(string group, string name);
}
