using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Scheduler;

/// <summary>
/// Scheduler schedules fired by the schedule engine on the manual schedule clock (<c>--manual-clock</c>): a cron
/// schedule in New York across both daylight-saving changes and a restart; a one-time schedule that deletes itself; a
/// function that does not exist, dead-lettered with AWS's message attributes.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class SchedulerFiringTests
{
    private const string Account = "000000000000";
    private const string Role = "arn:aws:iam::000000000000:role/scheduler";

    private static string QueueTarget(string queue, string input) => new JsonObject
    {
        ["Arn"] = $"arn:aws:sqs:us-east-1:{Account}:{queue}", ["RoleArn"] = Role, ["Input"] = input,
    }.ToJsonString();

    [Fact]
    public async Task CronInNewYork_SpringForwardSkipsTheGapDay_FallBackRunsOnce_RestartNeitherLosesNorRepeats()
    {
        var clock = await ServerClock.StartAsync(Utc(2027, 3, 13, 0, 0));
        await using var server = clock.Server;
        var aws = new LambdaCli(server).Aws;
        var queueUrl = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "dst")).Json.GetProperty("QueueUrl").GetString()!;
        await aws.SucceedAsync("scheduler", "create-schedule", "--name", "at-0230", "--schedule-expression", "cron(30 2 * * ? *)",
            "--schedule-expression-timezone", "America/New_York", "--flexible-time-window", """{"Mode":"OFF"}""",
            "--target", QueueTarget("dst", """{"t":"<aws.scheduler.scheduled-time>"}"""));
        await clock.WaitPlannedAsync("scheduler", "default/at-0230", Utc(2027, 3, 13, 7, 30));

        // 14 March 2027: clocks go from 02:00 EST to 03:00 EDT, so 02:30 does not exist that day.
        await clock.SetAsync(Utc(2027, 3, 15, 12, 0));
        Assert.Equal(["2027-03-13T07:30:00Z", "2027-03-15T06:30:00Z"], Times(await QueueReader.ReceiveAllAsync(aws, queueUrl, 2)));

        server.Crash();
        await clock.RestartAsync(Utc(2027, 3, 15, 12, 0));
        await clock.WaitPlannedAsync("scheduler", "default/at-0230", Utc(2027, 3, 16, 6, 30));
        await clock.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(["2027-03-16T06:30:00Z"], Times(await QueueReader.ReceiveAllAsync(aws, queueUrl, 1)));

        // 7 November 2027: clocks go from 02:00 EDT back to 01:00 EST, so 01:30 comes twice; the schedule runs once.
        await aws.SucceedAsync("scheduler", "delete-schedule", "--name", "at-0230");
        await clock.SetAsync(Utc(2027, 11, 6, 12, 0));
        await aws.SucceedAsync("scheduler", "create-schedule", "--name", "at-0130", "--schedule-expression", "cron(30 1 * * ? *)",
            "--schedule-expression-timezone", "America/New_York", "--flexible-time-window", """{"Mode":"OFF"}""",
            "--target", QueueTarget("dst", """{"t":"<aws.scheduler.scheduled-time>"}"""));
        await clock.WaitPlannedAsync("scheduler", "default/at-0130", Utc(2027, 11, 7, 5, 30));
        await clock.SetAsync(Utc(2027, 11, 8, 12, 0));
        Assert.Equal(["2027-11-07T05:30:00Z", "2027-11-08T06:30:00Z"], Times(await QueueReader.ReceiveAllAsync(aws, queueUrl, 2)));
    }

    [Fact]
    public async Task AtSchedule_ActionAfterCompletionDelete_FunctionGetsTheInputOnce_ThenTheScheduleIsGone()
    {
        var clock = await ServerClock.StartAsync(Utc(2027, 1, 15, 7, 0));
        await using var server = clock.Server;
        var aws = new LambdaCli(server).Aws;
        using var lambda = new LambdaHttp(server);
        var recorder = new Recorder(server, "scheduler-once");
        await lambda.CreateFunctionAsync("reminder", Recorder.DestinationFunction, recorder.Settings());
        // No add-permission: the Scheduler acts with the schedule's role, not as a service principal.
        var created = await PostAsync(server, "/schedules/invoice-42", new JsonObject
        {
            ["GroupName"] = "default",
            ["ScheduleExpression"] = "at(2027-01-15T09:00:00)",
            ["ScheduleExpressionTimezone"] = "Europe/Berlin",
            ["FlexibleTimeWindow"] = new JsonObject { ["Mode"] = "OFF" },
            ["ActionAfterCompletion"] = "DELETE",
            ["Target"] = new JsonObject
            {
                ["Arn"] = $"arn:aws:lambda:us-east-1:{Account}:function:reminder",
                ["RoleArn"] = Role,
                ["Input"] = """{"invoice":42,"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","id":"<aws.scheduler.execution-id>","attempt":"<aws.scheduler.attempt-number>"}""",
            },
        });
        Assert.Equal(HttpStatusCode.OK, created);
        // Debian's CLI predates ActionAfterCompletion (it drops the member it does not know): read it from the API itself.
        using (var http = new HttpClient())
        {
            var got = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{server.Endpoint}/schedules/invoice-42"))).RootElement;
            Assert.Equal("DELETE", got.GetProperty("ActionAfterCompletion").GetString());
        }
        await clock.WaitPlannedAsync("scheduler", "default/invoice-42", Utc(2027, 1, 15, 8, 0));

        await clock.AdvanceAsync(TimeSpan.FromHours(2));

        var record = Assert.Single(await recorder.RecordsAsync(1, TimeSpan.FromSeconds(60)));
        Assert.Equal(42, record.GetProperty("invoice").GetInt32());
        Assert.Equal($"arn:aws:scheduler:us-east-1:{Account}:schedule/default/invoice-42", record.GetProperty("arn").GetString());
        Assert.Equal("2027-01-15T08:00:00Z", record.GetProperty("at").GetString());
        Assert.Matches("^[0-9a-f]{16}$", record.GetProperty("id").GetString());
        Assert.Equal("1", record.GetProperty("attempt").GetString());
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while ((await aws.RunAsync("scheduler", "get-schedule", "--name", "invoice-42")).ExitCode == 0)
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(60), "the completed schedule was not deleted");
            await Task.Delay(100);
        }
        LambdaCli.AssertServiceError(await aws.RunAsync("scheduler", "get-schedule", "--name", "invoice-42"),
            "ResourceNotFoundException", "GetSchedule", "Schedule invoice-42 does not exist.");
        Assert.Empty((await aws.SucceedAsync("scheduler", "list-schedules")).Json.GetProperty("Schedules").EnumerateArray());
        await clock.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Single(recorder.Files("record-"));
    }

    [Fact]
    public async Task MissingFunction_DeadLetteredWithAwsAttributes_FifoQueueTargetGetsItsGroup()
    {
        var clock = await ServerClock.StartAsync(Utc(2027, 6, 1, 9, 58));
        await using var server = clock.Server;
        var aws = new LambdaCli(server).Aws;
        var dlqUrl = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "scheduler-dlq")).Json.GetProperty("QueueUrl").GetString()!;
        var fifoUrl = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "jobs.fifo", "--attributes", "FifoQueue=true"))
            .Json.GetProperty("QueueUrl").GetString()!;
        await aws.SucceedAsync("scheduler", "create-schedule", "--name", "to-nowhere", "--schedule-expression", "cron(0 10 * * ? *)",
            "--flexible-time-window", """{"Mode":"OFF"}""", "--target", new JsonObject
            {
                ["Arn"] = $"arn:aws:lambda:us-east-1:{Account}:function:does-not-exist",
                ["RoleArn"] = Role,
                ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 5, ["MaximumEventAgeInSeconds"] = 600 },
                ["DeadLetterConfig"] = new JsonObject { ["Arn"] = $"arn:aws:sqs:us-east-1:{Account}:scheduler-dlq" },
            }.ToJsonString());
        await aws.SucceedAsync("scheduler", "create-schedule", "--name", "to-fifo", "--schedule-expression", "cron(0 10 * * ? *)",
            "--flexible-time-window", """{"Mode":"OFF"}""", "--target", new JsonObject
            {
                ["Arn"] = $"arn:aws:sqs:us-east-1:{Account}:jobs.fifo", ["RoleArn"] = Role, ["Input"] = "nightly job",
                ["SqsParameters"] = new JsonObject { ["MessageGroupId"] = "jobs" },
            }.ToJsonString());
        await clock.WaitPlannedAsync("scheduler", "default/to-nowhere", Utc(2027, 6, 1, 10, 0));
        await clock.WaitPlannedAsync("scheduler", "default/to-fifo", Utc(2027, 6, 1, 10, 0));

        await clock.AdvanceAsync(TimeSpan.FromMinutes(5));

        // A function that does not exist fails for good: no retries, straight to the dead-letter queue; without Input the payload is {}.
        var dead = Assert.Single(await QueueReader.ReceiveAllAsync(aws, dlqUrl, 1));
        Assert.Equal("{}", dead.GetProperty("Body").GetString());
        Assert.Equal($"arn:aws:scheduler:us-east-1:{Account}:schedule/default/to-nowhere", QueueReader.Attribute(dead, "SCHEDULE_ARN"));
        Assert.Equal("2027-06-01T10:00:00Z", QueueReader.Attribute(dead, "SCHEDULED_TIME"));
        Assert.Equal($"arn:aws:lambda:us-east-1:{Account}:function:does-not-exist", QueueReader.Attribute(dead, "TARGET_ARN"));
        Assert.Matches("^[0-9a-f]{16}$", QueueReader.Attribute(dead, "EXECUTION_ID"));
        Assert.False(string.IsNullOrEmpty(QueueReader.Attribute(dead, "ERROR_CODE")));
        Assert.Contains("does-not-exist", QueueReader.Attribute(dead, "ERROR_MESSAGE"), StringComparison.Ordinal);
        Assert.Equal("0", QueueReader.Attribute(dead, "RETRY_ATTEMPTS"));

        var fifo = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", fifoUrl, "--attribute-names", "All", "--wait-time-seconds", "10")).Json;
        var message = Assert.Single(fifo.GetProperty("Messages").EnumerateArray());
        Assert.Equal("nightly job", message.GetProperty("Body").GetString());
        Assert.Equal("jobs", message.GetProperty("Attributes").GetProperty("MessageGroupId").GetString());
    }

    private static async Task<HttpStatusCode> PostAsync(FulmenServer server, string path, JsonObject body)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(server.Endpoint + path), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static string[] Times(IEnumerable<JsonElement> messages) =>
        [.. messages.Select(m => QueueReader.Body(m).GetProperty("t").GetString()!).Order(StringComparer.Ordinal)];
}
