using System.Security.Cryptography;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>
/// An acknowledged PUT survives SIGKILL: its bytes are on disk before the metadata that acknowledges it is committed.
/// And a large upload is streamed: the server's memory does not grow with the object.
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

    private static long PeakResidentKilobytes(int processId)
    {
        var line = File.ReadAllLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
