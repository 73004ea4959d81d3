using Amazon.Runtime;
using Amazon.SQS;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>AWS's .NET SQS client (AWSSDK.SQS, AWS JSON 1.0) pointed at a test server.</summary>
internal static class SqsSdk
{
    /// <summary>No retries by default, so a wrong answer fails the call that got it.</summary>
    public static AmazonSQSClient Client(FulmenServer server, int maxErrorRetry = 0) =>
        new(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig
        {
            ServiceURL = server.Endpoint,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
            Timeout = TimeSpan.FromSeconds(60),
        });
}
