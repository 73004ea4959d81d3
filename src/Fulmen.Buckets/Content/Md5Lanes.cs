using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.Intrinsics;

namespace Fulmen.Buckets.Content;

/// <summary>
/// One MD5 being computed through <see cref="Md5Lanes"/>: its state, the tail of the bytes given so far that does not
/// fill a block, and their count. Given one slice at a time (each awaited before the next).
/// </summary>
public sealed class Md5Stream
{
    internal readonly uint[] State = [.. Md5Block.Initial];
    internal readonly byte[] Tail = new byte[64];
    internal int TailLength;
    internal long Length;

    /// <summary>The digest, once every slice given has been hashed: the tail padded and compressed here.</summary>
    public byte[] Finish()
    {
        Span<byte> last = stackalloc byte[128];
        last.Clear();
        Tail.AsSpan(0, TailLength).CopyTo(last);
        last[TailLength] = 0x80;
        var blocks = TailLength < 56 ? 1 : 2;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(last[(blocks * 64 - 8)..], (ulong)Length * 8);
        for (var i = 0; i < blocks; i++)
        {
            Md5Block.Compress(State, last.Slice(i * 64, 64));
        }
        var digest = new byte[16];
        for (var k = 0; k < 4; k++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(4 * k), State[k]);
        }
        return digest;
    }
}

/// <summary>
/// Hashes the MD5s of concurrent uploads side by side, sixteen streams in the lanes of one AVX-512 computation, on one
/// thread of its own. An upload's MD5 is a chain of dependent steps one core runs at ~800 MB/s, which bounded every
/// upload; multipart uploads send many parts at once (aws s3 cp: 10), each with its own MD5, and in lanes they all
/// advance for the price of one. A stream whose slice is used up leaves its lane and the next slice waiting takes it,
/// so the lanes stay full while uploads arrive at their own pace. Only where <see cref="Md5Block.VectorSupported"/>.
/// </summary>
public sealed class Md5Lanes : IDisposable
{
    // A lock-free queue looked at every round for empty lanes (an empty look costs a few loads), and an event the
    // thread waits on only when every lane is empty.
    private readonly ConcurrentQueue<Job> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1); // no spinning: two cores have none to spare
    private readonly Thread _thread;
    private volatile bool _disposed;
    private volatile Exception? _failure;

    public Md5Lanes()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "md5-lanes" };
        _thread.Start();
    }

    public static bool IsSupported => Md5Block.VectorSupported;

    /// <summary>Hashes <paramref name="data"/> into <paramref name="stream"/>; keep the memory until the task ends.</summary>
    public Task HashAsync(Md5Stream stream, ReadOnlySequence<byte> data)
    {
        stream.Length += data.Length;
        var job = new Job(stream, data);
        _queue.Enqueue(job);
        _wake.Set();
        if (_failure is { } failure)
        {
            FailWaiting(failure);
        }
        return job.Done.Task;
    }

    /// <summary>Fails every slice still queued (once the thread has stopped on an error, none is hashed again).</summary>
    private void FailWaiting(Exception failure)
    {
        while (_queue.TryDequeue(out var job))
        {
            job.Done.TrySetException(failure);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _wake.Set();
    }

    private sealed class Job(Md5Stream stream, ReadOnlySequence<byte> data)
    {
        public readonly Md5Stream Stream = stream;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool TailFirst;
        private ReadOnlySequence<byte>.Enumerator _segments = data.GetEnumerator();
        private ReadOnlyMemory<byte> _current;
        private int _offset;

        public long Remaining { get; private set; } = data.Length;

        /// <summary>The next 64 bytes: in place when one segment holds them, else copied into <paramref name="scratch"/>.</summary>
        public ReadOnlySpan<byte> Next64(Span<byte> scratch)
        {
            if (_current.Length - _offset >= 64)
            {
                var span = _current.Span.Slice(_offset, 64);
                _offset += 64;
                Remaining -= 64;
                return span;
            }
            Read(scratch[..64]);
            return scratch[..64];
        }

        /// <summary>Copies the next <c>destination.Length</c> bytes (at most <see cref="Remaining"/>) across segments.</summary>
        public void Read(Span<byte> destination)
        {
            while (destination.Length > 0)
            {
                if (_offset == _current.Length)
                {
                    if (!_segments.MoveNext())
                    {
                        throw new InvalidOperationException("Read past the end of the data.");
                    }
                    _current = _segments.Current;
                    _offset = 0;
                    continue;
                }
                var take = Math.Min(destination.Length, _current.Length - _offset);
                _current.Span.Slice(_offset, take).CopyTo(destination);
                _offset += take;
                Remaining -= take;
                destination = destination[take..];
            }
        }
    }

    private void Run()
    {
        var lanes = new Job?[Md5Block.Lanes];
        var state = new uint[4 * Md5Block.Lanes];
        var rows = new uint[16 * Md5Block.Lanes];
        var active = new uint[Md5Block.Lanes];
        var block = new byte[64];
        try
        {
            while (true)
            {
                var busy = 0;
                var waiting = !_queue.IsEmpty;
                for (var lane = 0; lane < lanes.Length; lane++)
                {
                    while (waiting && lanes[lane] is null)
                    {
                        if (!_queue.TryDequeue(out var job))
                        {
                            waiting = false;
                            break;
                        }
                        lanes[lane] = Start(job, state, lane);
                    }
                    busy += lanes[lane] is null ? 0 : 1;
                }
                if (busy == 0)
                {
                    // Reset before the last look, so a job queued after it sets the event again.
                    _wake.Reset();
                    if (_queue.IsEmpty)
                    {
                        if (_disposed)
                        {
                            return;
                        }
                        _wake.Wait();
                    }
                    continue;
                }
                for (var lane = 0; lane < lanes.Length; lane++)
                {
                    active[lane] = 0;
                    if (lanes[lane] is not { } job)
                    {
                        continue;
                    }
                    ReadOnlySpan<byte> next;
                    if (job.TailFirst)
                    {
                        next = job.Stream.Tail;
                        job.TailFirst = false;
                    }
                    else
                    {
                        next = job.Next64(block);
                    }
                    System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(next[..64]).CopyTo(rows.AsSpan(lane * 16, 16));
                    active[lane] = uint.MaxValue;
                }
                Md5Block.Compress16(state, rows, Vector512.Create<uint>(active));
                for (var lane = 0; lane < lanes.Length; lane++)
                {
                    if (lanes[lane] is { } job && job.Remaining < 64)
                    {
                        Finish(job, state, lane);
                        lanes[lane] = null;
                    }
                }
            }
        }
        catch (Exception e)
        {
            // Never expected; the uploads waiting fail rather than hang, and so do later ones (HashAsync).
            _failure = e;
            foreach (var job in lanes)
            {
                job?.Done.TrySetException(e);
            }
            FailWaiting(e);
        }
    }

    /// <summary>Puts a job in a lane: its stream's state, and its tail completed to a block first; null when it is all tail.</summary>
    private static Job? Start(Job job, uint[] state, int lane)
    {
        var stream = job.Stream;
        if (stream.TailLength > 0)
        {
            var need = 64 - stream.TailLength;
            if (job.Remaining < need)
            {
                Finish(job, state: null, lane);
                return null;
            }
            job.Read(stream.Tail.AsSpan(stream.TailLength, need));
            stream.TailLength = 0;
            job.TailFirst = true;
        }
        else if (job.Remaining < 64)
        {
            Finish(job, state: null, lane);
            return null;
        }
        for (var k = 0; k < 4; k++)
        {
            state[k * Md5Block.Lanes + lane] = stream.State[k];
        }
        return job;
    }

    /// <summary>The lane's state back to its stream (when it had a lane), what is left under a block to its tail, and done.</summary>
    private static void Finish(Job job, uint[]? state, int lane)
    {
        var stream = job.Stream;
        if (state is not null)
        {
            for (var k = 0; k < 4; k++)
            {
                stream.State[k] = state[k * Md5Block.Lanes + lane];
            }
        }
        var left = (int)job.Remaining;
        job.Read(stream.Tail.AsSpan(stream.TailLength, left));
        stream.TailLength += left;
        job.Done.TrySetResult();
    }
}
