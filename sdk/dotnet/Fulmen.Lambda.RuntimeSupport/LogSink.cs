using System.Globalization;
using System.Text;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.RuntimeSupport;

/// <summary>
/// Writes log entries to the function's log stream (the process's stdout) in AWS's .NET text format:
/// <c>timestamp \t requestId \t level \t message</c>. Each entry is one write, so lines from several threads
/// never interleave and appear at once.
/// </summary>
internal sealed class LogSink
{
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private readonly object _lock = new();

    public LogSink(string? minimumLevel)
    {
        Minimum = Enum.TryParse<LogLevel>(Normalize(minimumLevel), ignoreCase: true, out var level) ? level : LogLevel.Trace;
    }

    public LogLevel Minimum { get; }

    /// <summary>The invocation whose id entries carry; empty during init.</summary>
    public string RequestId { get; set; } = "";

    public void Write(LogLevel level, string message)
    {
        if (level < Minimum)
        {
            return;
        }
        var time = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var entry = $"{time}\t{RequestId}\t{Abbreviation(level)}\t{message.TrimEnd('\n')}\n";
        WriteRaw(entry);
    }

    public void WriteRaw(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_lock)
        {
            _stdout.Write(bytes);
        }
    }

    // The level names AWS's .NET runtime writes (those of Microsoft.Extensions.Logging's console).
    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    // AWS_LAMBDA_LOG_LEVEL uses AWS's names (INFO, WARN, FATAL); map them onto the .NET levels.
    private static string? Normalize(string? level) => level?.ToUpperInvariant() switch
    {
        "INFO" => "Information",
        "WARN" => "Warning",
        "FATAL" => "Critical",
        _ => level,
    };
}

/// <summary>The logger handed to handlers through <see cref="ILambdaContext.Logger"/>.</summary>
internal sealed class ContextLogger(LogSink sink) : ILambdaLogger
{
    public void Log(string message) => sink.Write(LogLevel.Information, message);

    public void LogLine(string message) => sink.Write(LogLevel.Information, message);

    public void Log(LogLevel level, string message) => sink.Write(level, message);
}

/// <summary>Console output of the function: each complete line becomes one log entry at a fixed level.</summary>
internal sealed class ConsoleLines(LogSink sink, LogLevel level) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            FlushLine();
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }
        var start = 0;
        int newline;
        while ((newline = value.IndexOf('\n', start)) >= 0)
        {
            _line.Append(value, start, newline - start);
            FlushLine();
            start = newline + 1;
        }
        _line.Append(value, start, value.Length - start);
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        FlushLine();
    }

    /// <summary>Writes a partial last line, so nothing printed during an invocation is held back past its end.</summary>
    public override void Flush()
    {
        if (_line.Length > 0)
        {
            FlushLine();
        }
    }

    private void FlushLine()
    {
        sink.Write(level, _line.ToString().TrimEnd('\r'));
        _line.Clear();
    }
}
