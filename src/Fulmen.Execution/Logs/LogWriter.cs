using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.Logs;

/// <summary>
/// Writes every log stream's platform lines and copies the runtimes' output between them, in queue order, on one
/// thread of its own: a write the disk holds up waits here, not on an invocation or a pool thread. While lines keep
/// coming it works in batches every <see cref="BatchInterval"/>, so queueing a line is a lock-free enqueue that wakes
/// nothing; once idle it sleeps until the next line. Output written between lines (a long invocation's, or an idle
/// runtime's) is swept in every <see cref="SweepInterval"/> and on <see cref="FlushAsync"/>.
/// </summary>
internal sealed partial class LogWriter : IDisposable
{
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentQueue<LogRecord> _queue = new();
    private readonly ConcurrentDictionary<LogStream, byte> _open = new();
    private readonly ManualResetEventSlim _wake = new();
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _sleeping;
    private volatile bool _stopping;

    public LogWriter(ILogger logger)
    {
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "Fulmen log writer" };
        _thread.Start();
    }

    public void Enqueue(LogRecord record)
    {
        _queue.Enqueue(record);
        if (_sleeping)
        {
            _wake.Set();
        }
    }

    public void Track(LogStream stream) => _open.TryAdd(stream, 0);

    public void Untrack(LogStream stream) => _open.TryRemove(stream, out _);

    /// <summary>Completes once everything queued so far is written: a reader then sees every finished invocation.</summary>
    public Task FlushAsync()
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue(new LogRecord(null, 0, null, written));
        _wake.Set();
        return written.Task;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join(TimeSpan.FromSeconds(30));
    }

    private void Run()
    {
        var buffer = new byte[64 * 1024];
        var swept = Environment.TickCount64;
        while (true)
        {
            var wrote = false;
            while (_queue.TryDequeue(out var record))
            {
                Write(record, buffer);
                wrote = true;
            }
            if (Environment.TickCount64 - swept >= SweepInterval.TotalMilliseconds)
            {
                SweepAll(buffer);
                swept = Environment.TickCount64;
            }
            if (_stopping)
            {
                if (_queue.IsEmpty)
                {
                    SweepAll(buffer);
                    return;
                }
                continue;
            }
            _wake.Reset();
            if (wrote)
            {
                _wake.Wait(BatchInterval);
                continue;
            }
            // Idle: ask for a wake-up, then look once more, as a line queued just before the flag was seen would not ask.
            _sleeping = true;
            Interlocked.MemoryBarrier();
            if (_queue.IsEmpty)
            {
                _wake.Wait(SweepInterval);
            }
            _sleeping = false;
        }
    }

    private void SweepAll(byte[] buffer)
    {
        foreach (var stream in _open.Keys)
        {
            try
            {
                stream.Sweep(buffer);
            }
            catch (Exception e) when (IsWriteFailure(e))
            {
                LogWriteFailed(e, stream.Path);
            }
        }
    }

    private void Write(LogRecord record, byte[] buffer)
    {
        if (record.Written is { } written)
        {
            SweepAll(buffer);
            written.TrySetResult();
            return;
        }
        var stream = record.Stream!;
        try
        {
            if (record.Line is { } line)
            {
                stream.WriteThrough(record.OutputOffset, line, buffer);
            }
            else
            {
                stream.Close(buffer);
            }
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            // A full or failing disk loses log lines, never the writer: the next record may well succeed.
            LogWriteFailed(e, stream.Path);
        }
    }

    private static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException or ObjectDisposedException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write log stream {Path}")]
    private partial void LogWriteFailed(Exception exception, string path);
}
