using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>The object store through AWS's JavaScript SDK (tests/js/s3.test.mjs): client-s3, lib-storage, s3-request-presigner.</summary>
public sealed class S3JsTests
{
    [Fact]
    public async Task AwsSdkForJavaScript_ObjectsMultipartPresigned_WorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();

        await NodeTests.AssertPassAsync(server, "s3.test.mjs", tests: 3);
    }
}
