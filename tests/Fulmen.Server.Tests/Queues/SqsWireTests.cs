using System.Net;
using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// SQS's JSON 1.0 bodies that no SDK sends but a broken client might: a member named twice, bytes that are not UTF-8,
/// text that is not an object. Each is SQS's 400 <c>SerializationException</c> in JSON, never a 500.
/// </summary>
public sealed class SqsWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("{\"QueueName\":\"a\",\"QueueName\":\"b\"}")]
    [InlineData("[\"QueueName\"]")]
    [InlineData("{\"QueueName\":")]
    public async Task MalformedJson_SerializationException(string body) =>
        AssertSerializationException(await SendAsync("GetQueueUrl", Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task InvalidUtf8InAValue_SerializationException() =>
        AssertSerializationException(await SendAsync("GetQueueUrl", [.. "{\"QueueName\":\"a"u8, 0xff, .. "\"}"u8]));

    private static void AssertSerializationException(LambdaHttp.Response response)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
        Assert.Equal("application/x-amz-json-1.0", response.Header("Content-Type"));
        Assert.Contains("\"__type\":\"com.amazonaws.sqs#SerializationException\"", response.Body, StringComparison.Ordinal);
    }

    private async Task<LambdaHttp.Response> SendAsync(string operation, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Server.Endpoint}/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AmazonSQS.{operation}");
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123");
        return await fixture.Http.SendAsync(request);
    }
}
