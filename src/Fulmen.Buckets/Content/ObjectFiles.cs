using System.Security.Cryptography;

namespace Fulmen.Buckets.Content;

/// <summary>
/// The bytes of objects and of uploaded parts, one file each under <c>{data}/buckets/objects/</c>, named at random (never
/// by key), so an overwrite writes a new file and readers of the old one keep reading it. A file is flushed to disk before
/// the metadata that names it is committed; a file no committed metadata names (a crash between the two, or an overwrite
/// whose old file could not be removed) is garbage, never a half object.
/// </summary>
public sealed class ObjectFiles
{
    private const int BufferSize = 128 * 1024;
    private readonly string _root;

    public ObjectFiles(BucketOptions options)
    {
        _root = Path.Combine(options.Directory, "objects");
        Directory.CreateDirectory(_root);
    }

    /// <summary>Streams <paramref name="source"/> into a new file while hashing it; the file is on disk when this returns.</summary>
    public async Task<WrittenContent> WriteAsync(Stream source, ChecksumAlgorithm? algorithm, long maxBytes, CancellationToken cancellationToken)
    {
        await using var writer = Create(algorithm);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (writer.Size + read > maxBytes)
            {
                throw new ContentTooLargeException();
            }
            await writer.AppendAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return await writer.FinishAsync(cancellationToken);
    }

    /// <summary>A new file to append to (multipart completion concatenates parts through one).</summary>
    public ContentWriter Create(ChecksumAlgorithm? algorithm)
    {
        var name = Guid.NewGuid().ToString("N");
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new ContentWriter(name, path, algorithm, BufferSize);
    }

    public string PathOf(string name) => Path.Combine(_root, name[..2], name);

    /// <summary>The file to read, or null when it is gone (an overwrite removed it after the caller read the metadata).</summary>
    public FileStream? OpenRead(string name)
    {
        try
        {
            return new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
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

/// <summary>What was written: the file's name, its size, its MD5 and the requested checksum (raw bytes).</summary>
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

/// <summary>One file being written: appended to, hashed as it goes, flushed to disk by <see cref="FinishAsync"/>; deleted if disposed unfinished.</summary>
public sealed class ContentWriter : IAsyncDisposable
{
    private readonly string _name;
    private readonly string _path;
    private readonly FileStream _file;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly ChecksumAlgorithm? _algorithm;
    private readonly Checksum? _checksum;
    private bool _finished;

    internal ContentWriter(string name, string path, ChecksumAlgorithm? algorithm, int bufferSize)
    {
        _name = name;
        _path = path;
        _algorithm = algorithm;
        _checksum = algorithm is { } a ? Checksum.Create(a) : null;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize, FileOptions.Asynchronous);
    }

    public long Size { get; private set; }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _md5.AppendData(data.Span);
        _checksum?.Append(data.Span);
        Size += data.Length;
        await _file.WriteAsync(data, cancellationToken);
    }

    public async Task<WrittenContent> FinishAsync(CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken);
        // On disk before the metadata naming it is committed: an acknowledged PUT survives a crash.
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync();
        _finished = true;
        return new WrittenContent(_name, Size, _md5.GetHashAndReset(), _algorithm, _checksum?.Finish());
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _md5.Dispose();
        if (!_finished)
        {
            try
            {
                File.Delete(_path);
            }
            catch (IOException)
            {
                // Garbage no metadata names.
            }
        }
    }
}
