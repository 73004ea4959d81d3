using System.Text;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.TestUtilities;

/// <summary>A logger that keeps what the handler logged, one line per entry (<c>[Level] message</c> for levelled entries), and echoes it to the console.</summary>
public class TestLambdaLogger : ILambdaLogger
{
    private readonly object _lock = new();

    /// <summary>Everything logged so far.</summary>
    public StringBuilder Buffer { get; } = new();

    public void Log(string message) => Append(message);

    public void LogLine(string message) => Append(message + Environment.NewLine);

    public void Log(LogLevel level, string message) => Append($"[{level}] {message}{Environment.NewLine}");

    private void Append(string text)
    {
        lock (_lock)
        {
            Buffer.Append(text);
        }
        Console.Write(text);
    }
}
