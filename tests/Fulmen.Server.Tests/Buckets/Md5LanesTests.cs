using System.Buffers;
using System.Security.Cryptography;
using Fulmen.Buckets.Content;

namespace Fulmen.Buckets.Tests;

/// <summary>
/// The object store's side-by-side MD5 (<see cref="Md5Lanes"/>, AVX-512) gives the platform's MD5 for every length and
/// every way of slicing the bytes: streams of all lengths around the 64-byte block and its 56-byte padding edge, fed
/// concurrently in slices of odd sizes, each slice split over several memory segments.
/// </summary>
public sealed class Md5LanesTests
{
    [Fact]
    public async Task ConcurrentStreams_InOddSlices_HashAsTheirWholeMd5()
    {
        if (!Md5Lanes.IsSupported)
        {
            // Without AVX-512F the store hashes with the platform's MD5 and never builds the lanes.
            Assert.False(System.Runtime.Intrinsics.X86.Avx512F.IsSupported);
            return;
        }
        using var lanes = new Md5Lanes();
        var random = new Random(20261206);
        int[] edges = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 65_536, 1 << 20, (1 << 20) + 7];
        var lengths = edges.Concat(Enumerable.Range(0, 22).Select(_ => random.Next(0, 300_000))).ToList();

        var streams = lengths.Select((length, i) => Task.Run(async () =>
        {
            var data = new byte[length];
            new Random(i).NextBytes(data);
            var md5 = new Md5Stream();
            var sliceRandom = new Random(1000 + i);
            for (var at = 0; at < length;)
            {
                var size = Math.Min(length - at, sliceRandom.Next(1, 40_000));
                await lanes.HashAsync(md5, Segmented(data.AsMemory(at, size), sliceRandom));
                at += size;
            }
            return (Expected: MD5.HashData(data), Actual: md5.Finish(), Length: length);
        })).ToList();

        foreach (var result in await Task.WhenAll(streams))
        {
            Assert.True(result.Expected.SequenceEqual(result.Actual), $"MD5 of {result.Length} bytes differs");
        }
    }

    /// <summary>The bytes as a sequence of up to four segments of random sizes (including segments under a block).</summary>
    private static ReadOnlySequence<byte> Segmented(ReadOnlyMemory<byte> bytes, Random random)
    {
        var cuts = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(0, bytes.Length + 1)).Append(0).Append(bytes.Length)
            .Distinct().Order().ToList();
        Segment? first = null, last = null;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var segment = new Segment(bytes[cuts[i]..cuts[i + 1]], last);
            first ??= segment;
            last = segment;
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
