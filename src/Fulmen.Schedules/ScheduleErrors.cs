namespace Fulmen.Schedules;

/// <summary>Each service's answer to an invalid expression. Neither names the broken rule: PutRule answers one fixed
/// sentence, CreateSchedule echoes the expression as given (leading spaces included) and ends with a period.</summary>
public static class ScheduleErrors
{
    public const string ErrorCode = "ValidationException";

    public const string RuleMessage = "Parameter ScheduleExpression is not valid.";

    public static string Message(ScheduleDialect dialect, string expression) => dialect switch
    {
        ScheduleDialect.Scheduler => $"Invalid Schedule Expression {expression}.",
        _ => RuleMessage,
    };
}
