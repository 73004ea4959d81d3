using System.Diagnostics;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>The object store through AWS's JavaScript SDK (tests/js/s3.test.mjs): client-s3, lib-storage, s3-request-presigner.</summary>
public sealed class S3JsTests
{
    private static readonly string JsDirectory = Path.Combine(FulmenServer.RepositoryRoot, "tests", "js");

    [Fact]
    public async Task AwsSdkForJavaScript_ObjectsMultipartPresigned_WorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = JsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--test");
        start.ArgumentList.Add("s3.test.mjs");
        start.Environment["FULMEN_ENDPOINT"] = server.Endpoint;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 0, $"node --test failed ({process.ExitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 3", output, StringComparison.Ordinal);
    }
}
