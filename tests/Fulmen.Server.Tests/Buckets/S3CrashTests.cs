using System.Diagnostics;
using System.Security.Cryptography;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>
/// An acknowledged PUT survives SIGKILL: its bytes are on disk before the metadata that acknowledges it is committed.
/// A large upload is streamed: the server's memory does not grow with the object. And the file of an upload killed
/// midway, which no metadata names, is removed at a later start.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class S3CrashTests
{
    [Fact]
    public async Task AcknowledgedPuts_ServerKilled_ObjectsThereAfterRestart()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new AwsCli(server);
        await aws.SucceedAsync("s3", "mb", "s3://crash-bucket");
        var directory = Path.Combine(server.DataDirectory, "crash-files");
        Directory.CreateDirectory(directory);
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < 5; i++)
        {
            var bytes = RandomNumberGenerator.GetBytes(1000 + i * 70_000);
            var file = Path.Combine(directory, $"f{i}.bin");
            await File.WriteAllBytesAsync(file, bytes);
            await aws.SucceedAsync("s3", "cp", file, $"s3://crash-bucket/k{i}.bin");
            contents[$"k{i}.bin"] = bytes;
        }

        server.Crash();
        await server.RestartAsync();

        foreach (var (key, bytes) in contents)
        {
            var back = Path.Combine(directory, $"back-{key}");
            await aws.SucceedAsync("s3", "cp", $"s3://crash-bucket/{key}", back);
            var read = await File.ReadAllBytesAsync(back);
            Assert.True(bytes.AsSpan().SequenceEqual(read), $"{key} differs after the crash");
        }
    }

    [Fact]
    public async Task LargePut_Streamed_ServerMemoryStaysFlat()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new AwsCli(server);
        await aws.SucceedAsync("s3api", "create-bucket", "--bucket", "large-bucket");
        var directory = Path.Combine(server.DataDirectory, "large-files");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "large.bin");
        const long size = 512L * 1024 * 1024;
        await using (var stream = File.Create(file))
        {
            var chunk = RandomNumberGenerator.GetBytes(1024 * 1024);
            for (var written = 0L; written < size; written += chunk.Length)
            {
                await stream.WriteAsync(chunk);
            }
        }
        var before = PeakResidentKilobytes(server.ProcessId);
        // One PUT of the whole file (curl streams it from disk), so the server sees one 512 MiB body.
        var put = await Curl.RunAsync(directory, "-X", "PUT", "-T", file, "-H", "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0",
            $"{server.Endpoint}/large-bucket/large.bin");
        Assert.True(put.Status == 200, put.ToString());
        var after = PeakResidentKilobytes(server.ProcessId);
        var head = (await aws.SucceedAsync("s3api", "head-object", "--bucket", "large-bucket", "--key", "large.bin")).Json;
        Assert.Equal(size, head.GetProperty("ContentLength").GetInt64());
        Assert.True(after - before < 128 * 1024, $"the server's peak memory grew by {(after - before) / 1024} MiB for a {size / 1024 / 1024} MiB object");
    }

    [Fact]
    public async Task PutKilledMidway_UnnamedFileOlderThanAnHour_SweptAtStart()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new AwsCli(server);
        await aws.SucceedAsync("s3api", "create-bucket", "--bucket", "orphan-bucket");
        var directory = Path.Combine(server.DataDirectory, "orphan-files");
        Directory.CreateDirectory(directory);
        var small = Path.Combine(directory, "kept.bin");
        var kept = RandomNumberGenerator.GetBytes(100_000);
        await File.WriteAllBytesAsync(small, kept);
        await aws.SucceedAsync("s3", "cp", small, "s3://orphan-bucket/kept.bin");
        var objects = Path.Combine(server.DataDirectory, "buckets", "objects");
        var named = ObjectFiles(objects);

        // A PUT sent slowly, the server killed while the body's file is being written: the file is left, no metadata names it.
        var large = Path.Combine(directory, "large.bin");
        await File.WriteAllBytesAsync(large, new byte[16 * 1024 * 1024]);
        using var curl = Process.Start(new ProcessStartInfo("curl", ["-sS", "--limit-rate", "512K", "-X", "PUT", "-T", large, "-H", Authorization,
            $"{server.Endpoint}/orphan-bucket/large.bin"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var orphan = await NewFileAsync(objects, named);
        server.Crash();
        await curl.WaitForExitAsync();
        Assert.True(File.Exists(orphan));

        // The crash an hour ago: the orphan and the named files old; a young unnamed file (as one being written now) beside them.
        var young = Path.Combine(Path.GetDirectoryName(orphan)!, Path.GetFileName(orphan)[..2] + new string('0', 30));
        File.Copy(orphan, young);
        foreach (var file in named.Append(orphan))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        }
        await server.RestartAsync();

        Assert.False(File.Exists(orphan), "the interrupted PUT's file is still there after a start");
        Assert.True(File.Exists(young), "a file written within the hour was removed");
        Assert.All(named, file => Assert.True(File.Exists(file), $"{file}, named by an object, was removed"));
        var back = Path.Combine(directory, "back.bin");
        await aws.SucceedAsync("s3", "cp", "s3://orphan-bucket/kept.bin", back);
        var read = await File.ReadAllBytesAsync(back);
        Assert.True(kept.AsSpan().SequenceEqual(read), "kept.bin differs after the sweep");
        Assert.NotEqual(0, (await aws.RunAsync("s3api", "head-object", "--bucket", "orphan-bucket", "--key", "large.bin")).ExitCode);
    }

    private const string Authorization = "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";

    private static List<string> ObjectFiles(string objects) => [.. Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories)];

    /// <summary>Waits for a file in <paramref name="objects"/> that is not in <paramref name="known"/>.</summary>
    private static async Task<string> NewFileAsync(string objects, List<string> known)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (ObjectFiles(objects).Except(known).FirstOrDefault() is { } file)
            {
                return file;
            }
            await Task.Delay(20, guard.Token);
        }
    }

    private static long PeakResidentKilobytes(int processId)
    {
        var line = File.ReadAllLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
