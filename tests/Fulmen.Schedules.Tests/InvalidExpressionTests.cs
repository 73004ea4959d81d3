namespace Fulmen.Schedules.Tests;

/// <summary>Expressions AWS refuses, with each service's message: PutRule's fixed sentence, CreateSchedule's echo of
/// the expression (as recorded against AWS, leading space included).</summary>
public sealed class InvalidExpressionTests
{
    public static TheoryData<string> Invalid() => new()
    {
        "", "rate", "rate()", "rate(10)", "rate(1 minutes)", "rate(5 minute)", "rate(1 hours)", "rate(2 hour)",
        "rate(1 days)", "rate(3 day)", "rate(0 minutes)", "rate(-10 minutes)", "rate(+5 minutes)", "rate(1.5 hours)",
        "rate(foo minutes)", "rate(10 seconds)", "rate(10 years)", "rate(10 minutess)", "rate(5 Minutes)",
        "rate( 10 minutes )", " rate(10 minutes)", "rate(10 minutes) ", "rate(10  minutes)", "RATE(5 minutes)",
        "rate(99999999999 days)", "cron()", "cron(INVALID)", "cron(0 10 * * *)", "cron(0 18 ? * MON-FRI)",
        "cron(0 10 * * ? * *)", "cron(0 0 10 * * ? *)", "cron(0 1 * * * *)", "cron(0 1 ? * ? *)",
        "cron(0 1 5 * 2 *)", "cron(71 8 1 * ? *)", "cron(0 24 * * ? *)", "cron(0 10 32 * ? *)",
        "cron(0 10 0 * ? *)", "cron(0 10 * 13 ? *)", "cron(0 10 * 0 ? *)", "cron(0 10 ? * 0 *)",
        "cron(0 10 ? * 8 *)", "cron(0 10 * * ? 1969)", "cron(0 10 * * ? 2200)", "cron(0 10 * * ? 2030-2020)",
        "cron(0 10 * * ? 26)", "cron(7 20 * * NOT *)", "cron(0 dummy ? * MON-FRI *)", "cron(15 12 ? * -1 *)",
        "cron(0 10 ? * 2#1,3 *)", "cron(0 10 ? * 2#6 *)", "cron(0 10 ? * FUN *)", "cron(0 10 ?,1 * ? *)",
        "cron(0 10 ? ? * *)", "cron(0 10 * * ?,MON *)", "cron(0 10 * * L *)", "cron(0 L * * ? *)",
        "cron(0 10 * * ? L)", "cron(0 10 W * ? *)", "cron(0 10 * * ? ?)", "cron(0  10 * * ? *)",
        "cron(0 10 * * ? *", "cron 0 10 * * ? *", "cron(0 10 * * ? *) ", "cron(0/0 10 * * ? *)",
        "cron(@daily)", "cron(0 10 * FOO ? *)", "every(5 minutes)",
    };

    /// <summary>Valid for Scheduler, refused in a rule.</summary>
    public static TheoryData<string> RuleOnlyInvalid() => new() { "at(2026-06-01T09:00:00)" };

    public static TheoryData<string> SchedulerInvalid() => new()
    {
        "at(2021-12-31T23:59:59Z)", "at(2021-12-31)", "at(2021-12-31 23:59:59)", "at(2021-02-30T10:00:00)",
        "at(2021-12-31T24:00:00)", "at( 2021-12-31T23:59:59)", "at(2021-12-31T23:59)",
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    [MemberData(nameof(RuleOnlyInvalid))]
    public void Rules_refuse_with_one_sentence(string expression)
    {
        var error = Assert.Throws<InvalidScheduleExpressionException>(
            () => ScheduleExpression.Parse(expression, ScheduleDialect.EventBridgeRule));
        Assert.Equal("Parameter ScheduleExpression is not valid.", error.Message);
        Assert.Equal("ValidationException", InvalidScheduleExpressionException.ErrorCode);
        Assert.NotEmpty(error.Reason);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    [MemberData(nameof(SchedulerInvalid))]
    public void Scheduler_refuses_naming_the_expression(string expression)
    {
        var error = Assert.Throws<InvalidScheduleExpressionException>(
            () => ScheduleExpression.Parse(expression, ScheduleDialect.Scheduler));
        Assert.Equal($"Invalid Schedule Expression {expression}.", error.Message);
    }

    [Fact]
    public void Try_parse_answers_the_message()
    {
        Assert.False(ScheduleExpression.TryParse("rate(1 minutes)", ScheduleDialect.Scheduler, out var none, out var error));
        Assert.Null(none);
        Assert.Equal("Invalid Schedule Expression rate(1 minutes).", error);
        Assert.False(ScheduleExpression.TryParse(null, ScheduleDialect.EventBridgeRule, out _, out error));
        Assert.Equal("Parameter ScheduleExpression is not valid.", error);
        Assert.True(ScheduleExpression.TryParse("rate(1 minute)", ScheduleDialect.EventBridgeRule, out var schedule, out _));
        Assert.Equal(TimeSpan.FromMinutes(1), schedule.Period);
    }

    [Theory]
    [InlineData("rate(1 minute)")]
    [InlineData("rate(5 minutes)")]
    [InlineData("rate(1 hour)")]
    [InlineData("rate(12 hours)")]
    [InlineData("rate(1 day)")]
    [InlineData("rate(7 days)")]
    [InlineData("cron(0 10 * * ? *)")]
    [InlineData("cron(0 10 ? * * *)")]
    [InlineData("cron(0,30 8-17/2 ? * MON-FRI 2026-2030)")]
    [InlineData("cron(0 0 L * ? *)")]
    [InlineData("cron(0 0 ? * 6#5 *)")]
    [InlineData("cron(0 0 1 jan-mar ? *)")]
    public void Both_dialects_accept(string expression)
    {
        Assert.Equal(expression, At.Rule(expression).Text);
        Assert.Equal(expression, At.Schedule(expression).Text);
    }
}
