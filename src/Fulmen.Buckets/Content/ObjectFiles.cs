using System.Buffers;
using System.IO.Pipelines;

namespace Fulmen.Buckets.Content;

/// <summary>
/// The bytes of objects and of uploaded parts, one file each under <c>{data}/buckets/objects/</c>, named at random (never
/// by key), so an overwrite writes a new file and readers of the old one keep reading it. A file is flushed to disk before
/// the metadata that names it is committed; a file no committed metadata names (a crash between the two, or an overwrite
/// whose old file could not be removed) is garbage, never a half object.
/// </summary>
public sealed class ObjectFiles
{
    private const int ReadBufferSize = 256 * 1024;
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");
    private readonly string _root;
    private readonly Lazy<Md5Lanes?> _lanes = new(() => Md5Lanes.IsSupported ? new Md5Lanes() : null);

    public ObjectFiles(BucketOptions options)
    {
        _root = Path.Combine(options.Directory, "objects");
        Directory.CreateDirectory(_root);
    }

    /// <summary>
    /// Streams <paramref name="source"/> into a new file while hashing it, straight from the reader's buffers; the file
    /// is on disk when this returns. <paramref name="expectedSize"/> (when the request declares it) preallocates the file.
    /// </summary>
    public async Task<WrittenContent> WriteAsync(PipeReader source, ChecksumAlgorithm? algorithm, long maxBytes, long? expectedSize, CancellationToken cancellationToken,
        bool concurrent = false)
    {
        await using var writer = Create(algorithm, expectedSize is > 0 and var size && size <= maxBytes ? size : 0, concurrent);
        await writer.CopyFromAsync(source, maxBytes, cancellationToken);
        return await writer.FinishAsync(cancellationToken);
    }

    /// <summary>Copies <paramref name="source"/> (another object's file) into a new file, as <see cref="WriteAsync(PipeReader, ChecksumAlgorithm?, long, long?, CancellationToken)"/>.</summary>
    public async Task<WrittenContent> WriteAsync(Stream source, ChecksumAlgorithm? algorithm, long maxBytes, long? expectedSize, CancellationToken cancellationToken)
    {
        var reader = Reader(source);
        try
        {
            return await WriteAsync(reader, algorithm, maxBytes, expectedSize, cancellationToken);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>A reader over <paramref name="stream"/> with buffers as large as the writer's slices; complete it to return them.</summary>
    public static PipeReader Reader(Stream stream) =>
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: ReadBufferSize / 2, leaveOpen: true));

    /// <summary>
    /// A new file to append to, hashed with MD5 (and <paramref name="algorithm"/>) as it is written; with
    /// <paramref name="concurrent"/> (a multipart upload's part, sent beside others) its MD5 goes through the shared
    /// lanes where the CPU has them.
    /// </summary>
    public ContentWriter Create(ChecksumAlgorithm? algorithm, long preallocate = 0, bool concurrent = false) =>
        new(NewName(out var path), path, algorithm, preallocate, concurrent ? _lanes.Value : null);

    private string NewName(out string path)
    {
        var name = Guid.NewGuid().ToString("N");
        path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return name;
    }

    public string PathOf(string name) => Path.Combine(_root, name[..2], name);

    /// <summary>Every object and part file with its last write time (only names this class gives: 32 hex digits in the folder of their first two).</summary>
    public IEnumerable<(string Name, DateTimeOffset LastWrite)> List()
    {
        foreach (var folder in new DirectoryInfo(_root).EnumerateDirectories())
        {
            if (folder.Name.Length != 2)
            {
                continue;
            }
            foreach (var file in folder.EnumerateFiles())
            {
                if (file.Name.Length == 32 && file.Name.StartsWith(folder.Name, StringComparison.Ordinal) && IsHex(file.Name))
                {
                    yield return (file.Name, file.LastWriteTimeUtc);
                }
            }
        }
    }

    private static bool IsHex(string name) => !name.AsSpan().ContainsAnyExcept(Hex);

    /// <summary>
    /// <paramref name="length"/> bytes from <paramref name="start"/> of the object made of <paramref name="segments"/>
    /// (its files in order), or null when one of them is gone (an overwrite removed it after the caller read the
    /// metadata). Only the files the range touches are opened, all of them before the first read.
    /// </summary>
    public SegmentedStream? OpenRead(IReadOnlyList<FileSegment> segments, long start, long length)
    {
        var pieces = new List<(Microsoft.Win32.SafeHandles.SafeFileHandle, long, long)>();
        var at = 0L;
        foreach (var segment in segments)
        {
            var from = Math.Max(start, at);
            var to = Math.Min(start + length, at + segment.Size);
            if (to > from || segments.Count == 1)
            {
                try
                {
                    var handle = File.OpenHandle(PathOf(segment.File), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                        FileOptions.SequentialScan);
                    pieces.Add((handle, from - at, Math.Max(0, to - from)));
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    foreach (var (handle, _, _) in pieces)
                    {
                        handle.Dispose();
                    }
                    return null;
                }
            }
            at += segment.Size;
        }
        return new SegmentedStream(pieces);
    }

    /// <summary>Removes a file no metadata names any more; a file already gone is fine.</summary>
    public void Delete(string? name)
    {
        if (name is { Length: > 2 })
        {
            try
            {
                File.Delete(PathOf(name));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind as garbage: no metadata names it.
            }
        }
    }
}

/// <summary>What was written: the file's name, its size, its MD5 (empty when not asked for) and the requested checksum (raw bytes).</summary>
public sealed record WrittenContent(string File, long Size, byte[] Md5, ChecksumAlgorithm? Algorithm, byte[]? Checksum)
{
    public string ETag => Convert.ToHexStringLower(Md5);

    public string? ChecksumBase64 => Checksum is null ? null : Convert.ToBase64String(Checksum);
}

public sealed class ContentTooLargeException : Exception
{
    public ContentTooLargeException() : base("The content is larger than allowed.")
    {
    }
}
