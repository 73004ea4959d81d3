using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>
/// With <c>--verify-signatures</c>, S3 requests are checked like every API call, virtual-hosted ones included
/// (S3 is no public front), except browsers' CORS preflights, which are never signed.
/// </summary>
public sealed class S3SignatureTests
{
    [Fact]
    public async Task VerifySignatures_SignedPassUnsignedAndWrongRefused_PreflightExempt()
    {
        await using var server = await FulmenServer.StartAsync("--verify-signatures");
        var aws = new AwsCli(server);
        await aws.SucceedAsync("s3", "mb", "s3://signed-bucket");
        var directory = Path.Combine(server.DataDirectory, "signed-files");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "s.txt");
        await File.WriteAllTextAsync(file, "signed");
        await aws.SucceedAsync("s3", "cp", file, "s3://signed-bucket/s.txt");
        await aws.SucceedAsync("s3api", "put-bucket-cors", "--bucket", "signed-bucket", "--cors-configuration",
            """{"CORSRules":[{"AllowedOrigins":["*"],"AllowedMethods":["GET"]}]}""");
        Assert.Contains("s.txt", (await aws.SucceedAsync("s3", "ls", "s3://signed-bucket")).StandardOutput, StringComparison.Ordinal);

        var wrong = await new AwsCli(server) { SecretKey = "wrong" }.RunAsync("s3", "ls", "s3://signed-bucket");
        Assert.Contains("SignatureDoesNotMatch", wrong.StandardError, StringComparison.Ordinal);

        var resolve = $"signed-bucket.s3.localhost:{server.Port}:127.0.0.1";
        var url = $"http://signed-bucket.s3.localhost:{server.Port}/s.txt";
        var unsigned = await Curl.RunAsync(directory, "--resolve", resolve, url);
        Assert.Equal(403, unsigned.Status);
        Assert.Contains("<Code>AccessDenied</Code>", unsigned.Text, StringComparison.Ordinal);

        var preflight = await Curl.RunAsync(directory, "--resolve", resolve, "-X", "OPTIONS", "-H", "Origin: https://site.test",
            "-H", "Access-Control-Request-Method: GET", url);
        Assert.True(preflight.Status == 200, preflight.ToString());
        Assert.Equal("*", preflight.Header("Access-Control-Allow-Origin"));
    }
}
