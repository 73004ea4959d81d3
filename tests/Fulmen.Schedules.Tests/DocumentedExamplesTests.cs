namespace Fulmen.Schedules.Tests;

/// <summary>AWS's documented cron examples and the field features (names, AWS weekday numbering, L, W, #, years),
/// each with its next occurrence in UTC from a fixed instant. 2026-03-04 is a Wednesday.</summary>
public sealed class DocumentedExamplesTests
{
    [Theory]
    [InlineData("cron(0 10 * * ? *)", "2026-03-04T09:30:00Z", "2026-03-04T10:00:00Z")]
    [InlineData("cron(0 10 * * ? *)", "2026-03-04T10:00:00Z", "2026-03-05T10:00:00Z")]
    [InlineData("cron(15 12 * * ? *)", "2026-03-04T09:30:00Z", "2026-03-04T12:15:00Z")]
    [InlineData("cron(0 18 ? * MON-FRI *)", "2026-03-04T09:30:00Z", "2026-03-04T18:00:00Z")]
    [InlineData("cron(0 18 ? * MON-FRI *)", "2026-03-06T18:30:00Z", "2026-03-09T18:00:00Z")]
    [InlineData("cron(0 8 1 * ? *)", "2026-03-04T09:30:00Z", "2026-04-01T08:00:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "2026-03-04T09:30:00Z", "2026-03-04T09:45:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "2026-03-04T09:31:17Z", "2026-03-04T09:45:00Z")]
    [InlineData("cron(0/10 * ? * MON-FRI *)", "2026-03-04T09:30:00Z", "2026-03-04T09:40:00Z")]
    [InlineData("cron(0/10 * ? * MON-FRI *)", "2026-03-06T23:55:00Z", "2026-03-09T00:00:00Z")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", "2026-03-04T09:30:00Z", "2026-03-04T09:35:00Z")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", "2026-03-04T17:58:00Z", "2026-03-05T08:00:00Z")]
    [InlineData("cron(0/15 10-16 ? * MON-FRI *)", "2026-03-04T16:45:00Z", "2026-03-05T10:00:00Z")]
    [InlineData("cron(0 9 ? * 2#1 *)", "2026-03-04T09:30:00Z", "2026-04-06T09:00:00Z")]
    [InlineData("cron(0 9 ? * MON#1 *)", "2026-03-04T09:30:00Z", "2026-04-06T09:00:00Z")]
    [InlineData("cron(0 9 ? * 1#3 *)", "2026-03-04T09:30:00Z", "2026-03-15T09:00:00Z")]
    [InlineData("cron(* * * * ? *)", "2026-03-04T09:30:00Z", "2026-03-04T09:31:00Z")]
    [InlineData("cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)", "2026-03-04T09:30:00Z", "2026-03-05T08:00:00Z")]
    [InlineData("cron(30-30 13-13 ? * 2,4,6 *)", "2026-03-04T09:30:00Z", "2026-03-04T13:30:00Z")]
    [InlineData("cron(1-31/30 1-1 ? * 1,7 *)", "2026-03-04T09:30:00Z", "2026-03-07T01:01:00Z")]
    public void Documented_examples(string expression, string after, string expected) =>
        Assert.Equal(At.Instant(expected), At.Rule(expression).Next(At.Instant(after), TimeZoneInfo.Utc));

    [Theory]
    [InlineData("cron(0 12 ? * 1 *)", "2026-03-04T09:30:00Z", "2026-03-08T12:00:00Z")] // 1 = Sunday
    [InlineData("cron(0 12 ? * SUN *)", "2026-03-04T09:30:00Z", "2026-03-08T12:00:00Z")]
    [InlineData("cron(0 12 ? * 7 *)", "2026-03-04T09:30:00Z", "2026-03-07T12:00:00Z")] // 7 = Saturday
    [InlineData("cron(0 12 ? * 2-6 *)", "2026-03-06T12:30:00Z", "2026-03-09T12:00:00Z")]
    [InlineData("cron(0 12 ? * 4 *)", "2026-03-04T09:30:00Z", "2026-03-04T12:00:00Z")] // 4 = Wednesday
    [InlineData("cron(0 12 ? * 2/2 *)", "2026-03-04T12:30:00Z", "2026-03-06T12:00:00Z")] // Mon, Wed, Fri
    [InlineData("cron(0 12 ? * 2/2 *)", "2026-03-06T12:30:00Z", "2026-03-09T12:00:00Z")] // not Sunday
    [InlineData("cron(0 12 ? * */2 *)", "2026-03-04T09:30:00Z", "2026-03-05T12:00:00Z")] // Sun, Tue, Thu, Sat
    [InlineData("cron(0 12 ? * mon,fri *)", "2026-03-04T09:30:00Z", "2026-03-06T12:00:00Z")]
    [InlineData("cron(0 12 ? * * *)", "2026-03-04T12:30:00Z", "2026-03-05T12:00:00Z")]
    public void Day_of_week_numbers_start_at_Sunday_one(string expression, string after, string expected) =>
        Assert.Equal(At.Instant(expected), At.Rule(expression).Next(At.Instant(after), TimeZoneInfo.Utc));

    [Theory]
    [InlineData("cron(0 0 L * ? *)", "2026-03-04T09:30:00Z", "2026-03-31T00:00:00Z")]
    [InlineData("cron(0 0 L * ? *)", "2026-02-10T00:00:00Z", "2026-02-28T00:00:00Z")]
    [InlineData("cron(0 0 L * ? *)", "2028-02-10T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("cron(0 0 ? * 6L *)", "2026-03-04T09:30:00Z", "2026-03-27T00:00:00Z")] // last Friday
    [InlineData("cron(0 0 ? * FRIL *)", "2026-03-04T09:30:00Z", "2026-03-27T00:00:00Z")]
    [InlineData("cron(0 0 ? * L *)", "2026-03-04T09:30:00Z", "2026-03-07T00:00:00Z")] // the week's last day
    [InlineData("cron(0 0 15W * ? *)", "2026-03-04T09:30:00Z", "2026-03-16T00:00:00Z")] // the 15th is a Sunday
    [InlineData("cron(0 0 1W * ? *)", "2026-07-15T00:00:00Z", "2026-08-03T00:00:00Z")] // the 1st is a Saturday
    [InlineData("cron(0 0 LW * ? *)", "2026-05-01T00:00:00Z", "2026-05-29T00:00:00Z")] // the 31st is a Sunday
    [InlineData("cron(0 0 1 JAN,JUL ? *)", "2026-03-04T09:30:00Z", "2026-07-01T00:00:00Z")]
    [InlineData("cron(0 0 1 */4 ? *)", "2026-03-04T09:30:00Z", "2026-05-01T00:00:00Z")]
    public void Last_weekday_and_names(string expression, string after, string expected) =>
        Assert.Equal(At.Instant(expected), At.Rule(expression).Next(At.Instant(after), TimeZoneInfo.Utc));

    [Theory]
    [InlineData("cron(0 10 * * ? 2027)", "2026-03-04T09:30:00Z", "2027-01-01T10:00:00Z")]
    [InlineData("cron(0 10 * * ? 2025)", "2026-03-04T09:30:00Z", null)]
    [InlineData("cron(0 10 1 1 ? 2030-2034/2)", "2030-06-01T00:00:00Z", "2032-01-01T10:00:00Z")]
    [InlineData("cron(0 10 1 1 ? 2030/3)", "2030-06-01T00:00:00Z", "2033-01-01T10:00:00Z")]
    [InlineData("cron(0 10 1 1 ? 2026,2031)", "2026-03-04T09:30:00Z", "2031-01-01T10:00:00Z")]
    [InlineData("cron(0 0 29 2 ? 2025-2027)", "2025-01-01T00:00:00Z", null)]
    [InlineData("cron(0 0 29 2 ? *)", "2026-03-04T09:30:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("cron(59 23 31 12 ? 2199)", "2199-12-31T23:58:00Z", "2199-12-31T23:59:00Z")]
    [InlineData("cron(59 23 31 12 ? 2199)", "2199-12-31T23:59:00Z", null)]
    [InlineData("cron(0 0 1 1 ? 1970)", "1969-06-01T00:00:00Z", "1970-01-01T00:00:00Z")]
    public void Years(string expression, string after, string? expected) =>
        Assert.Equal(At.OptionalInstant(expected), At.Rule(expression).Next(At.Instant(after), TimeZoneInfo.Utc));

    [Fact]
    public void Parsed_parts_are_exposed()
    {
        var rate = At.Rule("rate(5 minutes)");
        Assert.Equal(ScheduleKind.Rate, rate.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), rate.Period);
        Assert.Equal(ScheduleKind.Cron, At.Rule("cron(0 10 * * ? *)").Kind);
        var at = At.Schedule("at(2026-06-01T09:00:00)");
        Assert.Equal(ScheduleKind.At, at.Kind);
        Assert.Equal(new DateTime(2026, 6, 1, 9, 0, 0), at.AtWallClock);
        Assert.Equal("at(2026-06-01T09:00:00)", at.ToString());
    }
}
