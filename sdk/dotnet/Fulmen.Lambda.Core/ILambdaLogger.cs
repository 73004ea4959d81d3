namespace Fulmen.Lambda.Core;

/// <summary>Log levels, in the order <c>AWS_LAMBDA_LOG_LEVEL</c> filters them.</summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
}

/// <summary>Writes to the function's log stream (CloudWatch Logs on AWS, the function's log group on Fulmen).</summary>
public interface ILambdaLogger
{
    /// <summary>Writes the message as it is.</summary>
    void Log(string message);

    /// <summary>Writes the message and a line break.</summary>
    void LogLine(string message);

    /// <summary>Writes one log entry at a level (<c>Trace</c> … <c>Critical</c>, case-insensitive).</summary>
    void Log(string level, string message) =>
        Log(Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) ? parsed : LogLevel.Information, message);

    /// <summary>Writes one log entry at a level.</summary>
    void Log(LogLevel level, string message) => LogLine(message);

    void LogTrace(string message) => Log(LogLevel.Trace, message);

    void LogDebug(string message) => Log(LogLevel.Debug, message);

    void LogInformation(string message) => Log(LogLevel.Information, message);

    void LogWarning(string message) => Log(LogLevel.Warning, message);

    void LogError(string message) => Log(LogLevel.Error, message);

    void LogCritical(string message) => Log(LogLevel.Critical, message);

    /// <summary>Writes the message followed by the exception (type, message and stack trace).</summary>
    void LogError(Exception exception, string message) => Log(LogLevel.Error, $"{message}{System.Environment.NewLine}{exception}");
}
