using System.Text.Json.Nodes;
using Fulmen.Scheduler.Model;
using Fulmen.Schedules;

namespace Fulmen.Scheduler.Api;

/// <summary>
/// CreateSchedule's and UpdateSchedule's shared body, checked as AWS checks it (the model's constraints first, then the
/// rules between members) and made into the record to store. UpdateSchedule replaces every member, as AWS's does.
/// </summary>
internal static class ScheduleDefinition
{
    private static readonly TimeSpan StartDateGrace = TimeSpan.FromMinutes(5);

    public static ScheduleRecord Read(SchedulerRequest body, string name, string group, DateTimeOffset now)
    {
        var expressionText = body.Text("ScheduleExpression", 1, 256) ?? throw SchedulerErrors.Missing("scheduleExpression");
        var window = body.Object("FlexibleTimeWindow") ?? throw SchedulerErrors.Missing("flexibleTimeWindow");
        var mode = window.Enum("Mode", "OFF", "FLEXIBLE") ?? throw SchedulerErrors.Missing("flexibleTimeWindow.mode");
        var maximumWindow = window.Range("MaximumWindowInMinutes", 1, 1440);
        var target = ReadTarget(body.Object("Target") ?? throw SchedulerErrors.Missing("target"));
        var timezone = body.Text("ScheduleExpressionTimezone", 1, 50);
        var startDate = body.Timestamp("StartDate");
        var endDate = body.Timestamp("EndDate");
        var description = body.Text("Description", 0, 512);
        var state = body.Enum("State", "ENABLED", "DISABLED");
        var afterCompletion = body.Enum("ActionAfterCompletion", "NONE", "DELETE");
        var kmsKeyArn = body.Text("KmsKeyArn", 1, 2048, SchedulerRequest.KmsKeyArn, SchedulerRequest.KmsKeyArnPattern);
        var clientToken = body.Text("ClientToken", 1, 64, SchedulerRequest.ClientToken, SchedulerRequest.ClientTokenPattern);

        if (!ScheduleExpression.TryParse(expressionText, ScheduleDialect.Scheduler, out _, out var invalid))
        {
            throw SchedulerErrors.Validation(invalid);
        }
        if (timezone is not null && SchedulerZones.Find(timezone) is null)
        {
            throw SchedulerErrors.Validation($"Invalid ScheduleExpressionTimezone {timezone}.");
        }
        if (mode == "FLEXIBLE" && maximumWindow is null)
        {
            throw SchedulerErrors.Validation("MaximumWindowInMinutes must be provided when Mode is FLEXIBLE.");
        }
        if (mode == "OFF" && maximumWindow is not null)
        {
            throw SchedulerErrors.Validation("MaximumWindowInMinutes must not be provided when Mode is OFF.");
        }
        if (startDate is { } start && DateTimeOffset.FromUnixTimeMilliseconds((long)(start * 1000)) < now - StartDateGrace)
        {
            throw SchedulerErrors.Validation("The StartDate you specify cannot be earlier than 5 minutes ago.");
        }
        if (startDate is { } from && endDate is { } to && to <= from)
        {
            throw SchedulerErrors.Validation("The EndDate must be later than the StartDate.");
        }
        if (endDate is { } end && DateTimeOffset.FromUnixTimeMilliseconds((long)(end * 1000)) <= now)
        {
            throw SchedulerErrors.Validation("The EndDate you specify cannot be earlier than the current time.");
        }

        var seconds = ScheduleCatalog.Seconds(now);
        return new ScheduleRecord
        {
            Name = name,
            GroupName = group,
            ScheduleExpression = expressionText,
            ScheduleExpressionTimezone = timezone ?? SchedulerZones.Default,
            StartDate = startDate,
            EndDate = endDate,
            Description = description,
            State = state ?? "ENABLED",
            ActionAfterCompletion = afterCompletion ?? "NONE",
            FlexibleTimeWindowMode = mode,
            MaximumWindowInMinutes = maximumWindow,
            KmsKeyArn = kmsKeyArn,
            ClientToken = clientToken,
            TargetJson = target.ToJsonString(),
            CreationDate = seconds,
            LastModificationDate = seconds,
        };
    }

    /// <summary>The target as given, checked, with RetryPolicy's defaults (185 attempts, 24 hours) as GetSchedule shows them.</summary>
    private static JsonObject ReadTarget(SchedulerRequest target)
    {
        target.Text("Arn", 1, 1600);
        _ = target.String("Arn") ?? throw SchedulerErrors.Missing("target.arn");
        _ = target.Text("RoleArn", 1, 1600, SchedulerRequest.RoleArn, SchedulerRequest.RoleArnPattern) ?? throw SchedulerErrors.Missing("target.roleArn");
        target.Text("Input", 1, int.MaxValue);
        var retry = target.Object("RetryPolicy");
        var maximumAge = retry?.Range("MaximumEventAgeInSeconds", 60, 86_400);
        var maximumAttempts = retry?.Range("MaximumRetryAttempts", 0, 185);
        target.Object("DeadLetterConfig")?.Text("Arn", 1, 1600, SchedulerRequest.QueueArn, SchedulerRequest.QueueArnPattern);
        target.Object("SqsParameters")?.Text("MessageGroupId", 1, 128);

        var copy = (JsonObject)target.Body.DeepClone();
        copy["RetryPolicy"] = new JsonObject
        {
            ["MaximumEventAgeInSeconds"] = maximumAge ?? 86_400,
            ["MaximumRetryAttempts"] = maximumAttempts ?? 185,
        };
        return copy;
    }
}
