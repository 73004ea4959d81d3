using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Valid EventBridge Scheduler requests against <see cref="FuzzResources"/>'s schedule group and schedule.</summary>
internal static class SchedulerSeeds
{
    public static bool For(string operation, Seed seed, FuzzResources r, Random random)
    {
        switch (operation)
        {
            case "CreateSchedule" or "UpdateSchedule":
                seed.Json = Schedule(r, random.Next(4) switch
                {
                    0 => "rate(5 minutes)",
                    1 => "at(2199-01-01T00:00:00)",
                    2 => "cron(30 2 * * ? *)",
                    _ => "cron(0 0 1 1 ? 2199)",
                });
                if (random.Next(3) == 0)
                {
                    seed.Json["FlexibleTimeWindow"] = new JsonObject { ["Mode"] = "FLEXIBLE", ["MaximumWindowInMinutes"] = 15 };
                    seed.Json["ScheduleExpressionTimezone"] = "America/New_York";
                    seed.Json["ActionAfterCompletion"] = "DELETE";
                }
                return true;
            case "GetSchedule" or "DeleteSchedule":
                seed.Query.Add(new("groupName", r.ScheduleGroup));
                return true;
            case "ListSchedules":
                seed.Query.Add(new("ScheduleGroup", r.ScheduleGroup));
                if (random.Next(2) == 0)
                {
                    seed.Query.Add(new("NamePrefix", r.Prefix));
                    seed.Query.Add(new("MaxResults", "10"));
                }
                return true;
            case "CreateScheduleGroup":
                seed.Json = new JsonObject { ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "fuzz" }) };
                return true;
            case "TagResource":
                seed.Json = new JsonObject { ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k", ["Value"] = "v" }) };
                return true;
            case "UntagResource":
                seed.Query.Add(new("TagKeys", "k"));
                return true;
            case "GetScheduleGroup" or "DeleteScheduleGroup" or "ListScheduleGroups" or "ListTagsForResource":
                return true;
            default:
                return false;
        }
    }

    /// <summary>A schedule in the fuzz group that sends to the fuzz function.</summary>
    public static JsonObject Schedule(FuzzResources r, string expression) => new()
    {
        ["GroupName"] = r.ScheduleGroup,
        ["ScheduleExpression"] = expression,
        ["FlexibleTimeWindow"] = new JsonObject { ["Mode"] = "OFF" },
        ["Target"] = new JsonObject
        {
            ["Arn"] = r.FunctionArn,
            ["RoleArn"] = "arn:aws:iam::000000000000:role/fulmen-test",
            ["Input"] = """{"marker":"<aws.scheduler.execution-id>"}""",
            ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 0 },
        },
    };
}
