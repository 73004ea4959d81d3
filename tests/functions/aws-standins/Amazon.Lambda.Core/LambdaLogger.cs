using System;

namespace Amazon.Lambda.Core;

/// <summary>
/// Static class which sends a message to the function's log; outside Lambda it writes to the console. The
/// runtime replaces the private static delegates below by reflection: their names are part of the contract.
/// </summary>
public static class LambdaLogger
{
#pragma warning disable IDE0044 // Replaced by the runtime, by reflection.
    private static Action<string> _loggingAction = LogToConsole;
    private static Action<string, string, object[]> _loggingWithLevelAction = LogWithLevelToConsole;
    private static Action<string, Exception, string, object[]> _loggingWithLevelAndExceptionAction = LogWithLevelAndExceptionToConsole;
#pragma warning restore IDE0044

    public static void Log(string message) => _loggingAction(message);

    public static void Log(string level, string message, params object[] args) => _loggingWithLevelAction(level, message, args);

    public static void Log(LogLevel level, string message, params object[] args) => Log(level.ToString(), message, args);

    public static void Log(string level, Exception exception, string message, params object[] args) =>
        _loggingWithLevelAndExceptionAction(level, exception, message, args);

    public static void Log(LogLevel level, Exception exception, string message, params object[] args) =>
        Log(level.ToString(), exception, message, args);

    private static void LogToConsole(string message) => Console.WriteLine(message);

    private static void LogWithLevelToConsole(string level, string message, object[] args) => Console.WriteLine($"{level}: {message}");

    private static void LogWithLevelAndExceptionToConsole(string level, Exception exception, string message, object[] args) =>
        Console.WriteLine($"{level}: {message}{Environment.NewLine}{exception}");
}
