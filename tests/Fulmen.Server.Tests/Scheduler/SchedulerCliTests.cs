using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Scheduler;

/// <summary>
/// EventBridge Scheduler through the AWS CLI (<c>aws scheduler</c>): schedules and groups created, read, changed,
/// listed with filters and pages, tagged and deleted; AWS's validation errors; everything kept across a restart.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SchedulerCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";
    private const string Role = "arn:aws:iam::000000000000:role/scheduler";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:scheduled";

    private AwsCli Aws => fixture.Lambda.Aws;

    private static string Target(string? input = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["Arn"] = FunctionArn,
        ["RoleArn"] = Role,
        ["Input"] = input,
    }.Where(p => p.Value is not null).ToDictionary());

    [Fact]
    public async Task Schedule_CreateGetUpdateDelete_AsAwsAnswers()
    {
        var created = (await Aws.SucceedAsync("scheduler", "create-schedule", "--name", "nightly",
            "--schedule-expression", "cron(30 2 * * ? *)", "--schedule-expression-timezone", "America/New_York",
            "--flexible-time-window", """{"Mode":"FLEXIBLE","MaximumWindowInMinutes":15}""",
            "--description", "every night", "--target", Target("""{"job":"report"}"""))).Json;
        Assert.Equal($"arn:aws:scheduler:us-east-1:{Account}:schedule/default/nightly", created.GetProperty("ScheduleArn").GetString());

        var got = (await Aws.SucceedAsync("scheduler", "get-schedule", "--name", "nightly")).Json;
        Assert.Equal("nightly", got.GetProperty("Name").GetString());
        Assert.Equal("default", got.GetProperty("GroupName").GetString());
        Assert.Equal("cron(30 2 * * ? *)", got.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("America/New_York", got.GetProperty("ScheduleExpressionTimezone").GetString());
        Assert.Equal("ENABLED", got.GetProperty("State").GetString());
        Assert.Equal("every night", got.GetProperty("Description").GetString());
        Assert.Equal("FLEXIBLE", got.GetProperty("FlexibleTimeWindow").GetProperty("Mode").GetString());
        Assert.Equal(15, got.GetProperty("FlexibleTimeWindow").GetProperty("MaximumWindowInMinutes").GetInt32());
        var target = got.GetProperty("Target");
        Assert.Equal(FunctionArn, target.GetProperty("Arn").GetString());
        Assert.Equal(Role, target.GetProperty("RoleArn").GetString());
        Assert.Equal("""{"job":"report"}""", target.GetProperty("Input").GetString());
        // AWS fills in the retry policy's defaults.
        Assert.Equal(185, target.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(86400, target.GetProperty("RetryPolicy").GetProperty("MaximumEventAgeInSeconds").GetInt32());
        var creation = got.GetProperty("CreationDate").GetString();
        Assert.Equal(creation, got.GetProperty("LastModificationDate").GetString());

        await Aws.SucceedAsync("scheduler", "update-schedule", "--name", "nightly", "--schedule-expression", "rate(2 hours)",
            "--flexible-time-window", """{"Mode":"OFF"}""", "--state", "DISABLED", "--target",
            $$$"""{"Arn":"arn:aws:sqs:us-east-1:{{{Account}}}:jobs.fifo","RoleArn":"{{{Role}}}","SqsParameters":{"MessageGroupId":"g"},"RetryPolicy":{"MaximumRetryAttempts":3,"MaximumEventAgeInSeconds":120},"DeadLetterConfig":{"Arn":"arn:aws:sqs:us-east-1:{{{Account}}}:dlq"}}""");
        var updated = (await Aws.SucceedAsync("scheduler", "get-schedule", "--name", "nightly")).Json;
        Assert.Equal("rate(2 hours)", updated.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("DISABLED", updated.GetProperty("State").GetString());
        Assert.Equal("UTC", updated.GetProperty("ScheduleExpressionTimezone").GetString());
        Assert.False(updated.TryGetProperty("Description", out _));
        Assert.Equal(creation, updated.GetProperty("CreationDate").GetString());
        Assert.Equal("g", updated.GetProperty("Target").GetProperty("SqsParameters").GetProperty("MessageGroupId").GetString());
        Assert.Equal(3, updated.GetProperty("Target").GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal($"arn:aws:sqs:us-east-1:{Account}:dlq", updated.GetProperty("Target").GetProperty("DeadLetterConfig").GetProperty("Arn").GetString());

        await Aws.SucceedAsync("scheduler", "delete-schedule", "--name", "nightly");
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "get-schedule", "--name", "nightly"),
            "ResourceNotFoundException", "GetSchedule", "Schedule nightly does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "delete-schedule", "--name", "nightly"),
            "ResourceNotFoundException", "DeleteSchedule", "Schedule nightly does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "update-schedule", "--name", "nightly", "--schedule-expression", "rate(1 hour)",
            "--flexible-time-window", """{"Mode":"OFF"}""", "--target", Target()),
            "ResourceNotFoundException", "UpdateSchedule", "Schedule nightly does not exist.");
    }

    [Fact]
    public async Task Errors_ValidationConflictAndNotFound_AsAwsAnswersThem()
    {
        string[] Create(string name, string expression, params string[] more) =>
            ["scheduler", "create-schedule", "--name", name, "--schedule-expression", expression, "--flexible-time-window", """{"Mode":"OFF"}""", .. more,
                .. more.Contains("--target") ? Array.Empty<string>() : ["--target", Target()]];

        await Aws.SucceedAsync(Create("taken", "rate(5 minutes)"));
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("taken", "rate(5 minutes)")), "ConflictException", "CreateSchedule", "Schedule taken already exists.");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("bad-rate", "rate(1 minutes)")),
            "ValidationException", "CreateSchedule", "Invalid Schedule Expression rate(1 minutes).");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("bad-cron", "cron(0 10 * * * *)")),
            "ValidationException", "CreateSchedule", "Invalid Schedule Expression cron(0 10 * * * *).");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("bad name", "rate(5 minutes)")),
            "ValidationException", "CreateSchedule", "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("zone", "rate(5 minutes)", "--schedule-expression-timezone", "Mars/Olympus")),
            "ValidationException", "CreateSchedule", "Invalid ScheduleExpressionTimezone Mars/Olympus.");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("role", "rate(5 minutes)", "--target", $$"""{"Arn":"{{FunctionArn}}","RoleArn":"not-a-role"}""")),
            "ValidationException", "CreateSchedule", "1 validation error detected: Value 'not-a-role' at 'target.roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("retries", "rate(5 minutes)", "--target",
            $$$"""{"Arn":"{{{FunctionArn}}}","RoleArn":"{{{Role}}}","RetryPolicy":{"MaximumRetryAttempts":186}}""")),
            "ValidationException", "CreateSchedule", "1 validation error detected: Value '186' at 'target.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185");
        LambdaCli.AssertServiceError(await Aws.RunAsync(["scheduler", "create-schedule", "--name", "window", "--schedule-expression", "rate(5 minutes)",
            "--flexible-time-window", """{"Mode":"FLEXIBLE","MaximumWindowInMinutes":1441}""", "--target", Target()]),
            "ValidationException", "CreateSchedule", "1 validation error detected: Value '1441' at 'flexibleTimeWindow.maximumWindowInMinutes' failed to satisfy constraint: Member must have value less than or equal to 1440");
        LambdaCli.AssertServiceError(await Aws.RunAsync(["scheduler", "create-schedule", "--name", "window", "--schedule-expression", "rate(5 minutes)",
            "--flexible-time-window", """{"Mode":"FLEXIBLE"}""", "--target", Target()]),
            "ValidationException", "CreateSchedule", "MaximumWindowInMinutes must be provided when Mode is FLEXIBLE.");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("dates", "rate(5 minutes)", "--start-date", "2020-01-01T00:00:00Z")),
            "ValidationException", "CreateSchedule", "The StartDate you specify cannot be earlier than 5 minutes ago.");
        LambdaCli.AssertServiceError(await Aws.RunAsync(Create("nogroup", "rate(5 minutes)", "--group-name", "missing")),
            "ResourceNotFoundException", "CreateSchedule", "Schedule group missing does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "get-schedule-group", "--name", "missing"),
            "ResourceNotFoundException", "GetScheduleGroup", "Schedule group missing does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "list-schedules", "--group-name", "missing"),
            "ResourceNotFoundException", "ListSchedules", "Schedule group missing does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "delete-schedule-group", "--name", "default"),
            "ValidationException", "DeleteScheduleGroup", "The default schedule group cannot be deleted.");
        await Aws.SucceedAsync("scheduler", "create-schedule-group", "--name", "twice");
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "create-schedule-group", "--name", "twice"),
            "ConflictException", "CreateScheduleGroup", "Schedule group twice already exists.");
    }

    [Fact]
    public async Task GroupsTagsListsAndPaging_DeletingAGroupDeletesItsSchedules_AllSurviveARestart()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new LambdaCli(server).Aws;
        var group = (await aws.SucceedAsync("scheduler", "create-schedule-group", "--name", "reports", "--tags", "Key=team,Value=finance")).Json;
        var groupArn = $"arn:aws:scheduler:us-east-1:{Account}:schedule-group/reports";
        Assert.Equal(groupArn, group.GetProperty("ScheduleGroupArn").GetString());
        await aws.SucceedAsync("scheduler", "create-schedule-group", "--name", "ops");
        foreach (var (name, groupName, state) in new[] { ("r-1", "reports", "ENABLED"), ("r-2", "reports", "DISABLED"), ("r-3", "reports", "ENABLED"), ("x-1", "reports", "ENABLED"), ("o-1", "ops", "ENABLED") })
        {
            await aws.SucceedAsync("scheduler", "create-schedule", "--name", name, "--group-name", groupName, "--state", state,
                "--schedule-expression", "rate(1 day)", "--flexible-time-window", """{"Mode":"OFF"}""", "--target", Target());
        }
        await aws.SucceedAsync("scheduler", "tag-resource", "--resource-arn", groupArn, "--tags", "Key=env,Value=prod", "Key=gone,Value=x");
        await aws.SucceedAsync("scheduler", "untag-resource", "--resource-arn", groupArn, "--tag-keys", "gone");

        await server.StopAsync();
        await server.RestartAsync();

        var page = (await aws.SucceedAsync("scheduler", "list-schedules", "--group-name", "reports", "--name-prefix", "r-", "--max-results", "2", "--no-paginate")).Json;
        Assert.Equal(["r-1", "r-2"], page.GetProperty("Schedules").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        var first = page.GetProperty("Schedules")[0];
        Assert.Equal($"arn:aws:scheduler:us-east-1:{Account}:schedule/reports/r-1", first.GetProperty("Arn").GetString());
        Assert.Equal(FunctionArn, first.GetProperty("Target").GetProperty("Arn").GetString());
        var next = (await aws.SucceedAsync("scheduler", "list-schedules", "--group-name", "reports", "--name-prefix", "r-", "--max-results", "2", "--no-paginate",
            "--next-token", page.GetProperty("NextToken").GetString()!)).Json;
        Assert.Equal(["r-3"], next.GetProperty("Schedules").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        Assert.False(next.TryGetProperty("NextToken", out _));
        var disabled = (await aws.SucceedAsync("scheduler", "list-schedules", "--state", "DISABLED")).Json;
        Assert.Equal(["r-2"], disabled.GetProperty("Schedules").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        var all = (await aws.SucceedAsync("scheduler", "list-schedules")).Json;
        Assert.Equal(["o-1", "r-1", "r-2", "r-3", "x-1"], all.GetProperty("Schedules").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));

        var tags = (await aws.SucceedAsync("scheduler", "list-tags-for-resource", "--resource-arn", groupArn)).Json.GetProperty("Tags");
        Assert.Equal(["env", "team"], tags.EnumerateArray().Select(t => t.GetProperty("Key").GetString()));
        var described = (await aws.SucceedAsync("scheduler", "get-schedule-group", "--name", "reports")).Json;
        Assert.Equal("ACTIVE", described.GetProperty("State").GetString());
        Assert.Equal(groupArn, described.GetProperty("Arn").GetString());
        var groups = (await aws.SucceedAsync("scheduler", "list-schedule-groups")).Json.GetProperty("ScheduleGroups");
        Assert.Equal(["default", "ops", "reports"], groups.EnumerateArray().Select(g => g.GetProperty("Name").GetString()));

        await aws.SucceedAsync("scheduler", "delete-schedule-group", "--name", "reports");
        LambdaCli.AssertServiceError(await aws.RunAsync("scheduler", "get-schedule", "--name", "r-1", "--group-name", "reports"),
            "ResourceNotFoundException", "GetSchedule", "Schedule r-1 does not exist.");
        var left = (await aws.SucceedAsync("scheduler", "list-schedules")).Json;
        Assert.Equal(["o-1"], left.GetProperty("Schedules").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        LambdaCli.AssertServiceError(await aws.RunAsync("scheduler", "list-tags-for-resource", "--resource-arn", groupArn),
            "ResourceNotFoundException", "ListTagsForResource", "Schedule group reports does not exist.");
    }
}
