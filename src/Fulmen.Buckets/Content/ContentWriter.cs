using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Fulmen.Buckets.Content;

/// <summary>
/// One file being written: appended to, hashed as it goes, flushed to disk by <see cref="FinishAsync"/>; deleted if
/// disposed unfinished. The bytes are taken straight from the reader's buffers (the request's own, for an upload) and
/// written with one gather write per slice, no copy. MD5 is the upload's bottleneck (one core does ~700–800 MB/s, and
/// one stream's MD5 cannot be split), so a large slice is hashed on this thread while a pool thread computes the
/// requested checksum and writes the same slice: the disk and the other checksum cost no time beside the MD5. A
/// multipart upload's part, uploaded beside others, hashes in <see cref="Md5Lanes"/> instead (sixteen MD5s for the
/// price of one) while this thread computes the checksum and writes.
/// </summary>
public sealed class ContentWriter : IAsyncDisposable
{
    /// <summary>The most taken from the reader at once; the rest of its buffer keeps filling meanwhile.</summary>
    private const int SliceBytes = 256 * 1024;

    /// <summary>Below this a slice is written inline: handing it to another thread costs more than it saves.</summary>
    private const int ParallelBytes = 64 * 1024;

    private static readonly Action<object?> WriteOnPool = static state => ((ContentWriter)state!).ChecksumAndWrite();

    private readonly string _name;
    private readonly string _path;
    private readonly FileStream _file;
    private readonly IncrementalHash? _md5;
    private readonly Md5Lanes? _lanes;
    private readonly Md5Stream? _laneMd5;
    private readonly ChecksumAlgorithm? _algorithm;
    private readonly Checksum? _checksum;
    private readonly List<ReadOnlyMemory<byte>> _segments = new(SliceBytes / 4096 + 2);
    private readonly long _preallocated;
    private ReadOnlySequence<byte> _pending;
    private long _written;
    private long _writebackFrom;
    private bool _finished;

    internal ContentWriter(string name, string path, ChecksumAlgorithm? algorithm, long preallocate, Md5Lanes? lanes)
    {
        _name = name;
        _lanes = lanes;
        _laneMd5 = lanes is null ? null : new Md5Stream();
        _md5 = lanes is null ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        _path = path;
        _algorithm = algorithm;
        _checksum = algorithm is { } a ? Checksum.Create(a) : null;
        _preallocated = preallocate;
        // Unbuffered: every write is already a large gather write. Preallocated when the size is known, so the file
        // system lays the object out in one go; no write-through, one fsync at the end.
        _file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            PreallocationSize = preallocate,
        });
    }

    public long Size { get; private set; }

    /// <summary>Copies what <paramref name="reader"/> yields to its end into the file; more than <paramref name="maxBytes"/> in all throws <see cref="ContentTooLargeException"/>.</summary>
    public async Task CopyFromAsync(PipeReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.IsEmpty)
            {
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
                continue;
            }
            var slice = buffer.Length > SliceBytes ? buffer.Slice(0, SliceBytes) : buffer;
            try
            {
                if (Size + slice.Length > maxBytes)
                {
                    throw new ContentTooLargeException();
                }
                await AppendAsync(slice);
            }
            finally
            {
                // Consumed even when refused, so the reader is never left mid-read.
                reader.AdvanceTo(slice.End);
            }
        }
    }

    /// <summary>Appends <paramref name="data"/>: MD5 here, the checksum and the write beside it for a large slice.</summary>
    public async ValueTask AppendAsync(ReadOnlySequence<byte> data)
    {
        _pending = data;
        if (_lanes is not null)
        {
            // The MD5 in a lane beside other uploads' while this thread computes the checksum and writes.
            var hashed = _lanes.HashAsync(_laneMd5!, data);
            ChecksumAndWrite();
            await hashed;
        }
        else if (data.Length < ParallelBytes)
        {
            ChecksumAndWrite();
            Md5(data);
        }
        else
        {
            var write = Task.Factory.StartNew(WriteOnPool, this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            Md5(data);
            await write;
        }
        Size += data.Length;
    }

    private void Md5(in ReadOnlySequence<byte> data)
    {
        foreach (var segment in data)
        {
            _md5!.AppendData(segment.Span);
        }
    }

    private void ChecksumAndWrite()
    {
        _segments.Clear();
        foreach (var segment in _pending)
        {
            _checksum?.Append(segment.Span);
            _segments.Add(segment);
        }
        RandomAccess.Write(_file.SafeFileHandle, _segments, _written);
        _written += _pending.Length;
        if (_written - _writebackFrom >= Writeback.StepBytes)
        {
            Writeback.Start(_file.SafeFileHandle, _writebackFrom, _written - _writebackFrom);
            _writebackFrom = _written;
        }
        _segments.Clear();
        _pending = default;
    }

    public async Task<WrittenContent> FinishAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_written < _preallocated)
        {
            _file.SetLength(_written); // frees what a preallocation reserved past the bytes written
        }
        // On disk before the metadata naming it is committed: an acknowledged PUT survives a crash.
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync();
        _finished = true;
        return new WrittenContent(_name, Size, _laneMd5?.Finish() ?? _md5!.GetHashAndReset(), _algorithm, _checksum?.Finish());
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _md5?.Dispose();
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
