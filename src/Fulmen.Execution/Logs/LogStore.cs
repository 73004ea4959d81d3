using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fulmen.Execution.Logs;

/// <summary>
/// Log groups and streams as files: <c>{data}/logs/{group}/{stream}.log</c>. Runtimes write their stdout and stderr
/// straight into the stream's output file (<c>{stream}.out</c>, while the environment lives), and one
/// <see cref="LogWriter"/> merges it with the platform's lines into the stream's file, so logging costs the invoke path
/// no write.
/// </summary>
public sealed class LogStore : IDisposable
{
    private readonly string _root;
    private readonly long _maxBytesPerStream;
    private readonly long _maxBytesTotal;
    private readonly LogWriter _writer;

    public LogStore(string dataDirectory, ILogger<LogStore>? logger = null, long maxBytesPerStream = 4 * 1024 * 1024, long maxBytesTotal = 256 * 1024 * 1024)
    {
        _root = Path.Combine(dataDirectory, "logs");
        _maxBytesPerStream = maxBytesPerStream;
        _maxBytesTotal = maxBytesTotal;
        Directory.CreateDirectory(_root);
        // Output files of environments a crash left behind: their runtimes are gone, and what was not yet merged is lost.
        foreach (var stale in Directory.EnumerateFiles(_root, "*.out", SearchOption.AllDirectories))
        {
            File.Delete(stale);
        }
        _writer = new LogWriter(logger ?? (ILogger)NullLogger.Instance);
    }

    public LogStream OpenStream(string logGroup, string streamName)
    {
        var directory = Directory.CreateDirectory(GroupDirectory(logGroup)).FullName;
        return new LogStream(Path.Combine(directory, Uri.EscapeDataString(streamName) + ".log"), _maxBytesPerStream, _writer);
    }

    /// <summary>Completes once every line and output queued so far is in the stream files (read-your-writes for readers).</summary>
    public Task FlushAsync() => _writer.FlushAsync();

    /// <summary>Writes what is still queued.</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>The streams of a group, oldest first by last write.</summary>
    public IReadOnlyList<LogStreamInfo> ListStreams(string logGroup)
    {
        var directory = new DirectoryInfo(GroupDirectory(logGroup));
        if (!directory.Exists)
        {
            return [];
        }
        return directory.EnumerateFiles("*.log")
            .OrderBy(f => f.LastWriteTimeUtc)
            .Select(f => new LogStreamInfo(Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(f.Name)), f.FullName, f.Length))
            .ToList();
    }

    /// <summary>Deletes the oldest stream files until all logs fit the total cap.</summary>
    public void EnforceTotalCap()
    {
        var files = new DirectoryInfo(_root).EnumerateFiles("*.log*", SearchOption.AllDirectories)
            .OrderBy(f => f.LastWriteTimeUtc)
            .ToList();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (total <= _maxBytesTotal)
            {
                break;
            }
            total -= file.Length;
            file.Delete();
        }
    }

    // Deleting a function keeps its log group, as on AWS.
    private string GroupDirectory(string logGroup) => Path.Combine(_root, logGroup.Trim('/').Replace('/', Path.DirectorySeparatorChar));
}

public sealed record LogStreamInfo(string Name, string Path, long Length);
