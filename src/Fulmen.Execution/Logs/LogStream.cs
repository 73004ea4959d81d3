using System.Text;
using Fulmen.Execution.Sandbox;
using Microsoft.Win32.SafeHandles;

namespace Fulmen.Execution.Logs;

/// <summary>
/// One environment's log stream. The runtime appends its stdout and stderr straight to <see cref="OutputPath"/>. The
/// platform's lines (START, END, REPORT) are not written on the invoke path: <see cref="Append"/> notes the output's
/// length at that moment and hands the line to the <see cref="LogWriter"/>, which merges output and lines, in that
/// order, into the stream's file. A write the kernel holds up (dirty-page throttling, a journal commit: hundreds of
/// milliseconds on a busy disk) then delays the log, never the invocation.
/// </summary>
public sealed class LogStream
{
    private const int FALLOC_FL_KEEP_SIZE = 0x01;
    private const int FALLOC_FL_PUNCH_HOLE = 0x02;
    /// <summary>Output copied into the stream file stays on disk this long behind the copy, for a tail still to read.</summary>
    private const long KeptBehind = 1 << 20;

    private readonly LogWriter _writer;
    private readonly long _maxBytes;
    private readonly SafeFileHandle _output;
    private SafeFileHandle _merged;
    /// <summary>Lines queued and not yet written: while any is, the writer's sweep leaves the output alone.</summary>
    private int _queuedLines;
    // Only the writer's thread touches these.
    private long _copied;
    private long _freed;
    private long _mergedLength;

    internal LogStream(string path, long maxBytes, LogWriter writer)
    {
        Path = path;
        OutputPath = System.IO.Path.ChangeExtension(path, ".out");
        _maxBytes = maxBytes;
        _writer = writer;
        _merged = OpenAppend(path);
        _mergedLength = RandomAccess.GetLength(_merged);
        _output = File.OpenHandle(OutputPath, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        writer.Track(this);
    }

    /// <summary>The stream's file, as <c>fulmen logs</c> and the console read it.</summary>
    public string Path { get; }

    /// <summary>Where the runtime appends its stdout and stderr (O_APPEND), until the environment ends.</summary>
    public string OutputPath { get; }

    /// <summary>
    /// Queues a platform line after all output written so far; returns that output's length, which places the line
    /// for <see cref="ReadTail"/>. Costs the caller one fstat and no write.
    /// </summary>
    public long Append(string line)
    {
        Interlocked.Increment(ref _queuedLines);
        var at = RandomAccess.GetLength(_output);
        _writer.Enqueue(new LogRecord(this, at, line));
        return at;
    }

    /// <summary>
    /// The last <paramref name="maxBytes"/> of one invocation's part of the stream, for <c>--log-type Tail</c>, read
    /// at once rather than from the stream file, which the writer may not have reached yet: each of the invocation's
    /// lines preceded by the output written before it.
    /// </summary>
    public byte[] ReadTail(IReadOnlyList<(long Offset, string Line)> lines, int maxBytes)
    {
        var pieces = new List<byte[]>();
        var budget = maxBytes;
        for (var i = lines.Count - 1; i >= 0 && budget > 0; i--)
        {
            var line = Encoding.UTF8.GetBytes(lines[i].Line);
            pieces.Add(line.Length <= budget ? line : line[^budget..]);
            budget -= Math.Min(budget, line.Length);
            if (i > 0 && budget > 0)
            {
                var from = Math.Max(lines[i - 1].Offset, lines[i].Offset - budget);
                var output = new byte[Math.Max(0, lines[i].Offset - from)];
                var read = RandomAccess.Read(_output, output, from);
                pieces.Add(read == output.Length ? output : output[..read]);
                budget -= read;
            }
        }
        pieces.Reverse();
        return [.. pieces.SelectMany(p => p)];
    }

    /// <summary>Ends the stream: the writer copies the output left, then removes the output file.</summary>
    public void End() => _writer.Enqueue(new LogRecord(this, -1, null));

    /// <summary>On the writer's thread: output up to <paramref name="outputOffset"/>, then the line.</summary>
    internal void WriteThrough(long outputOffset, string line, byte[] buffer)
    {
        try
        {
            CopyOutput(outputOffset, buffer);
            var length = Encoding.UTF8.GetByteCount(line);
            var bytes = length <= buffer.Length ? buffer : new byte[length];
            Encoding.UTF8.GetBytes(line, bytes);
            RandomAccess.Write(_merged, bytes.AsSpan(0, length), 0);
            _mergedLength += length;
        }
        finally
        {
            Interlocked.Decrement(ref _queuedLines);
        }
        RotateIfFull();
    }

    /// <summary>
    /// On the writer's thread: the output written so far, so that a long invocation's logs show as they come. Skipped
    /// while a line is queued: that line's offset may be below the output's length now, and the output after that
    /// offset belongs after the line. A line queued after the check measured the length after this sweep did.
    /// </summary>
    internal void Sweep(byte[] buffer)
    {
        var length = RandomAccess.GetLength(_output);
        if (length > _copied && Volatile.Read(ref _queuedLines) == 0)
        {
            CopyOutput(length, buffer);
            RotateIfFull();
        }
    }

    /// <summary>On the writer's thread: the last output, then both files closed and the output file removed.</summary>
    internal void Close(byte[] buffer)
    {
        try
        {
            CopyOutput(long.MaxValue, buffer);
        }
        finally
        {
            _writer.Untrack(this);
            _output.Dispose();
            _merged.Dispose();
            File.Delete(OutputPath);
        }
    }

    // On Linux pwrite to an O_APPEND file always appends, whatever the offset.
    private void CopyOutput(long upTo, byte[] buffer)
    {
        while (_copied < upTo)
        {
            var read = RandomAccess.Read(_output, buffer.AsSpan(0, (int)Math.Min(buffer.Length, upTo - _copied)), _copied);
            if (read == 0)
            {
                break;
            }
            RandomAccess.Write(_merged, buffer.AsSpan(0, read), 0);
            _copied += read;
            _mergedLength += read;
        }
        FreeCopiedOutput();
    }

    /// <summary>
    /// Gives back the disk of output already copied, keeping its offsets (a hole): the runtime's O_APPEND writes go on
    /// at the end, and every offset a line was queued with stays valid.
    /// </summary>
    private void FreeCopiedOutput()
    {
        var until = (_copied - KeptBehind) & ~4095L;
        if (until - _freed < KeptBehind)
        {
            return;
        }
        if (Native.Fallocate((int)_output.DangerousGetHandle(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, _freed, until - _freed) == 0)
        {
            _freed = until;
        }
    }

    /// <summary>Keeps the stream file under its cap: it moves to <c>.1</c> (readers that hold it keep it) and starts again.</summary>
    private void RotateIfFull()
    {
        if (_mergedLength <= _maxBytes)
        {
            return;
        }
        File.Move(Path, Path + ".1", overwrite: true);
        _merged.Dispose();
        _merged = OpenAppend(Path);
        _mergedLength = 0;
    }

    private static SafeFileHandle OpenAppend(string path)
    {
        var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT | Native.O_APPEND | Native.O_CLOEXEC, Convert.ToInt32("644", 8));
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true)
            : throw new IOException($"Cannot open log stream {path} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
    }
}
