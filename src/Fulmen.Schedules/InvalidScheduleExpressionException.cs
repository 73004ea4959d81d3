namespace Fulmen.Schedules;

/// <summary>An expression AWS would refuse. <see cref="Exception.Message"/> is the text the dialect's API answers
/// with (error type <see cref="ErrorCode"/>); <see cref="Reason"/> is the specific rule that failed, for logs.</summary>
public sealed class InvalidScheduleExpressionException : Exception
{
    public InvalidScheduleExpressionException() : this(ScheduleErrors.RuleMessage, "")
    {
    }

    public InvalidScheduleExpressionException(string message) : this(message, message)
    {
    }

    public InvalidScheduleExpressionException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = message;
    }

    public InvalidScheduleExpressionException(string message, string reason) : base(message)
    {
        Reason = reason;
    }

    /// <summary>The AWS error type both services answer with.</summary>
    public static string ErrorCode => ScheduleErrors.ErrorCode;

    /// <summary>The rule that failed (e.g. <c>one of day-of-month and day-of-week must be ?</c>).</summary>
    public string Reason { get; }
}
