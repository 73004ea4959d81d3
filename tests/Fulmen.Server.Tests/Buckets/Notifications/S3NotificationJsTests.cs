using System.Diagnostics;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>Bucket notifications through AWS's JavaScript SDK (tests/js/s3-notifications.test.mjs): @aws-sdk/client-s3 and a Node function.</summary>
public sealed class S3NotificationJsTests
{
    [Fact]
    public async Task AwsSdkForJavaScript_FunctionNotified_RefusedWithoutPermission()
    {
        await using var server = await FulmenServer.StartAsync();
        var zip = FunctionZips.Create(server.DataDirectory, "s3-notify", new Dictionary<string, string>
        {
            ["index.js"] = """
                const fs = require('node:fs');
                const path = require('node:path');
                const crypto = require('node:crypto');
                exports.handler = async (event) => {
                  const file = path.join(process.env.RECORD_DIR, `event-${crypto.randomUUID()}`);
                  fs.writeFileSync(file + '.tmp', JSON.stringify(event));
                  fs.renameSync(file + '.tmp', file + '.json');
                  return {};
                };
                """,
        });
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(FulmenServer.RepositoryRoot, "tests", "js"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--test");
        start.ArgumentList.Add("s3-notifications.test.mjs");
        start.Environment["FULMEN_ENDPOINT"] = server.Endpoint;
        start.Environment["FULMEN_ZIP"] = zip;
        start.Environment["FULMEN_RECORD_DIR"] = server.DataDirectory;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 0, $"node --test failed ({process.ExitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 2", output, StringComparison.Ordinal);
    }
}
