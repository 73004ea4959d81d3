using Fulmen.Protocols.Arns;

namespace Fulmen.Scheduler.Model;

/// <summary>The Scheduler's ARNs: <c>schedule/GROUP/NAME</c> and <c>schedule-group/NAME</c>.</summary>
public static class SchedulerArns
{
    public static string Schedule(AwsAccount account, string group, string name) => account.Arn("scheduler", $"schedule/{group}/{name}").ToString();

    public static string Group(AwsAccount account, string name) => account.Arn("scheduler", $"schedule-group/{name}").ToString();

    /// <summary>The group a schedule-group ARN of this account and region names, or null.</summary>
    public static string? GroupName(AwsAccount account, string arn)
    {
        const string Prefix = "schedule-group/";
        return Arn.TryParse(arn, out var parsed) && parsed.Service == "scheduler" && parsed.Account == account.AccountId && parsed.Region == account.Region
            && parsed.Resource.StartsWith(Prefix, StringComparison.Ordinal) && parsed.Resource.Length > Prefix.Length
            ? parsed.Resource[Prefix.Length..]
            : null;
    }
}
