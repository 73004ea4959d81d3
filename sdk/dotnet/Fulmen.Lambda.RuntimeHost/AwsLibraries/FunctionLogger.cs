using System.Text;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.RuntimeHost.AwsLibraries;

/// <summary>
/// What the function's own <c>ILambdaLogger</c> (AWS's, through a generated adapter) and <c>LambdaLogger</c> write
/// to: every member of AWS's logger, by name, onto the host's log. Public so generated code may call it.
/// Message templates (<c>"order {id} done"</c>) take their arguments in order, as AWS's runtime formats them.
/// </summary>
public sealed class FunctionLogger(ILambdaLogger log)
{
    public void Log(string message) => log.Log(message);

    public void LogLine(string message) => log.LogLine(message);

    public void Log(string level, string message) => log.Log(Level(level), message);

    public void Log(LogLevel level, string message) => log.Log(level, message);

    public void Log(string level, string message, params object[] args) => log.Log(Level(level), Format(message, args));

    public void Log(LogLevel level, string message, params object[] args) => log.Log(level, Format(message, args));

    public void Log(string level, Exception exception, string message, params object[] args) => Log(Level(level), exception, message, args);

    public void Log(LogLevel level, Exception exception, string message, params object[] args) =>
        log.Log(level, $"{Format(message, args)}{Environment.NewLine}{exception}");

    public void LogTrace(string message) => log.Log(LogLevel.Trace, message);

    public void LogDebug(string message) => log.Log(LogLevel.Debug, message);

    public void LogInformation(string message) => log.Log(LogLevel.Information, message);

    public void LogWarning(string message) => log.Log(LogLevel.Warning, message);

    public void LogError(string message) => log.Log(LogLevel.Error, message);

    public void LogCritical(string message) => log.Log(LogLevel.Critical, message);

    public void LogTrace(string message, params object[] args) => Log(LogLevel.Trace, message, args);

    public void LogDebug(string message, params object[] args) => Log(LogLevel.Debug, message, args);

    public void LogInformation(string message, params object[] args) => Log(LogLevel.Information, message, args);

    public void LogWarning(string message, params object[] args) => Log(LogLevel.Warning, message, args);

    public void LogError(string message, params object[] args) => Log(LogLevel.Error, message, args);

    public void LogCritical(string message, params object[] args) => Log(LogLevel.Critical, message, args);

    public void LogTrace(Exception exception, string message, params object[] args) => Log(LogLevel.Trace, exception, message, args);

    public void LogDebug(Exception exception, string message, params object[] args) => Log(LogLevel.Debug, exception, message, args);

    public void LogInformation(Exception exception, string message, params object[] args) => Log(LogLevel.Information, exception, message, args);

    public void LogWarning(Exception exception, string message, params object[] args) => Log(LogLevel.Warning, exception, message, args);

    public void LogError(Exception exception, string message, params object[] args) => Log(LogLevel.Error, exception, message, args);

    public void LogCritical(Exception exception, string message, params object[] args) => Log(LogLevel.Critical, exception, message, args);

    // AWS's level names (INFO, WARN, FATAL…) and .NET's (Information, Warning, Critical…).
    private static LogLevel Level(string level) => level.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    /// <summary>Replaces each <c>{name}</c> placeholder with the next argument; <c>{{</c> and <c>}}</c> stay literal braces.</summary>
    private static string Format(string message, object[]? args)
    {
        if (args is null || args.Length == 0)
        {
            return message;
        }
        var result = new StringBuilder(message.Length + 16 * args.Length);
        var next = 0;
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if ((c == '{' || c == '}') && i + 1 < message.Length && message[i + 1] == c)
            {
                result.Append(c);
                i++;
            }
            else if (c == '{' && message.IndexOf('}', i) is var end and > 0 && next < args.Length)
            {
                result.Append(args[next++]);
                i = end;
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
