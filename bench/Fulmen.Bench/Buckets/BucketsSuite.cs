using System.Diagnostics;
using System.Globalization;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Queues;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Buckets;

internal sealed record BucketsSettings(int Clients, int ObjectBytes, int GetKeys, TimeSpan Warmup, TimeSpan Duration, long LargeBytes)
{
    public static BucketsSettings Full => new(4, 4096, 1000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 1024L * 1024 * 1024);

    public static BucketsSettings Quick => new(4, 4096, 1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 256L * 1024 * 1024);
}

/// <summary>4 KiB PutObject or GetObject from closed-loop clients: rate, latency and CPU per request.</summary>
internal sealed record SmallResult(string Operation, string Uptime, int Clients, Phase Phase);

/// <summary>One large PutObject or GetObject: MB/s (10^6 bytes), beside the disk's rate it is compared with.</summary>
internal sealed record LargeResult(string Operation, string Uptime, long Bytes, double Seconds, double MBps, double ServerCpuSeconds,
    string ComparedWith, double DiskMBps, double PercentOfDisk);

internal sealed record BucketsResult(IReadOnlyList<SmallResult> Small, DiskRates Disk, IReadOnlyList<LargeResult> Large);

/// <summary>
/// The S3-compatible store on a release server whose data is under the work directory: 4 KiB PUT then GET from
/// closed-loop clients (unsigned path-style requests), then one large PUT streamed from a generated body and its GET
/// streamed to a sink, the same size as a multipart upload of 8 MiB parts with 4 and then 10 in flight (checked after
/// each) and the GET of that object, beside dd's write and read rates on the same disk in the same run.
/// </summary>
internal sealed class BucketsSuite(BucketsSettings settings, string serverDirectory, string work)
{
    private const string Bucket = "bench";

    /// <summary>UploadPart requests in flight: lib-storage's default queue size, and aws s3 cp's max_concurrent_requests.</summary>
    private static readonly int[] MultipartConcurrency = [4, 10];

    public async Task<BucketsResult> RunAsync()
    {
        var home = Directory.CreateDirectory(Path.Combine(work, "s3-server")).FullName;
        var data = Path.Combine(home, ".fulmen");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
        PhaseMeter.Log("s3: starting fulmen serve");
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(work, "s3-server.log"));
        using var http = LoadHttpClient.Create();
        var s3 = new S3Client(http, server.BaseUri);
        await s3.CreateBucketAsync(Bucket);

        var body = new byte[settings.ObjectBytes];
        new Random(7).NextBytes(body);
        var small = new List<SmallResult>();
        var counters = new long[settings.Clients];
        small.Add(await SmallAsync("PUT", server.ProcessId, index =>
            s3.PutAsync(Bucket, string.Create(CultureInfo.InvariantCulture, $"put/{index}/{++counters[index]}"), body)));
        for (var i = 0; i < settings.GetKeys; i++)
        {
            await s3.PutAsync(Bucket, Key(i), body);
        }
        var next = new long[settings.Clients];
        small.Add(await SmallAsync("GET", server.ProcessId, index =>
            s3.GetAsync(Bucket, Key((int)((index * 7919 + next[index]++) % settings.GetKeys)), settings.ObjectBytes)));

        await PhaseMeter.WaitForQuietAsync();
        PhaseMeter.Log(FormattableString.Invariant($"s3: dd on the work directory's disk, {settings.LargeBytes / (1024 * 1024)} MiB"));
        var disk = await DiskRate.MeasureAsync(work, settings.LargeBytes);

        // Large bodies take longer than the load client's 60 s guard on a busy machine.
        using var large = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(30) };
        var bulk = new S3Client(large, server.BaseUri);
        var upload = await LargeAsync("PUT", server.ProcessId, "dd write (conv=fdatasync)", disk.WriteMBps, async () =>
            await bulk.PutStreamAsync(Bucket, "large", new GeneratedStream(settings.LargeBytes), settings.LargeBytes) ? settings.LargeBytes : -1);
        // The disk's own read rate (O_DIRECT); the GET itself may be served from the page cache, where the object just
        // written still is, which only favours the server: the cached dd read is in the report beside it.
        var download = await LargeAsync("GET", server.ProcessId, "dd read (iflag=direct)", disk.DirectReadMBps,
            () => bulk.GetToSinkAsync(Bucket, "large"));
        // As aws s3 cp uploads a file this size (8 MiB parts, up to 10 requests at once; 4 is lib-storage's default).
        var multipart = new MultipartUpload(large, server.BaseUri);
        // The 4 KiB phases warmed the PUT path; two parts warm the multipart operations' (JIT) before they are timed.
        await multipart.UploadAsync(Bucket, "multipart-warmup", 2 * MultipartUpload.PartBytes, 2);
        var results = new List<LargeResult> { upload, download };
        foreach (var concurrency in MultipartConcurrency)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"multipart-{concurrency}");
            results.Add(await LargeAsync(string.Create(CultureInfo.InvariantCulture, $"multipart upload, 8 MiB parts, {concurrency} in flight"), server.ProcessId,
                "dd write (conv=fdatasync)", disk.WriteMBps, () => multipart.UploadAsync(Bucket, key, settings.LargeBytes, concurrency)));
            await multipart.VerifyAsync(Bucket, key, settings.LargeBytes);
        }
        results.Add(await LargeAsync("GET of the multipart object (its part files in turn)", server.ProcessId, "dd read (iflag=direct)", disk.DirectReadMBps,
            () => bulk.GetToSinkAsync(Bucket, string.Create(CultureInfo.InvariantCulture, $"multipart-{MultipartConcurrency[^1]}"))));
        return new BucketsResult(small, disk, results);
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"get/{i:D5}");

    private async Task<SmallResult> SmallAsync(string operation, int serverPid, Func<int, Task<bool>> call)
    {
        var uptime = Uptime.Read();
        PhaseMeter.Log($"s3: {settings.ObjectBytes / 1024} KiB {operation} from {settings.Clients} clients; {uptime}");
        var phase = await PhaseMeter.MeasureAsync(serverPid,
            () => ClosedLoop.ConcurrentAsync(settings.Clients, call, TimeSpan.Zero, settings.Warmup),
            () => ClosedLoop.ConcurrentAsync(settings.Clients, call, TimeSpan.Zero, settings.Duration));
        return new SmallResult(operation, uptime, settings.Clients, phase);
    }

    private static async Task<LargeResult> LargeAsync(string operation, int serverPid, string comparedWith, double diskMBps, Func<Task<long>> transfer)
    {
        await PhaseMeter.WaitForQuietAsync();
        var uptime = Uptime.Read();
        PhaseMeter.Log($"s3: one large {operation}; {uptime}");
        var before = CpuSnapshot.Take(serverPid);
        var began = Stopwatch.GetTimestamp();
        var bytes = await transfer();
        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        var after = CpuSnapshot.Take(serverPid);
        if (bytes < 0)
        {
            throw new InvalidOperationException($"The large {operation} failed; see s3-server.log.");
        }
        var mbps = bytes / 1e6 / seconds;
        var serverCpu = CpuSnapshot.Between(before, after, 1).ServerUs / 1e6;
        PhaseMeter.Log(FormattableString.Invariant($"  {bytes} bytes in {seconds:0.00} s: {mbps:0} MB/s ({100 * mbps / diskMBps:0} % of {comparedWith}, {diskMBps:0} MB/s); server CPU {serverCpu:0.00} s"));
        return new LargeResult(operation, uptime, bytes, seconds, mbps, serverCpu, comparedWith, diskMBps, 100 * mbps / diskMBps);
    }
}
