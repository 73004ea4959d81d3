using System.Net;
using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// SQS's JSON 1.0 bodies that no SDK sends but a broken client might: a member named twice, bytes that are not UTF-8,
/// text that is not an object (each SQS's 400 <c>SerializationException</c> in JSON), and query forms no SDK writes.
/// Never a 500.
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

    /// <summary>A map entry whose key is itself a structure names nothing: the entry is left out, never a 500.</summary>
    [Fact]
    public async Task QueryForm_MapKeyThatIsAStructure_EntryLeftOut()
    {
        var created = await PostFormAsync("Action=CreateQueue&QueueName=wire-tags&Tag.1.Key.member.1=k&Tag.1.Value=v");
        Assert.True(created.Status == HttpStatusCode.OK, created.ToString());

        var set = await PostFormAsync("Action=SetQueueAttributes&QueueUrl=" + Uri.EscapeDataString($"{fixture.Server.Endpoint}/000000000000/wire-tags")
            + "&Attribute.1.Name.member.1=VisibilityTimeout&Attribute.1.Value=5");
        Assert.True((int)set.Status is >= 200 and < 500, set.ToString());
        Assert.StartsWith("<", set.Body, StringComparison.Ordinal);
    }

    private async Task<LambdaHttp.Response> PostFormAsync(string form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Server.Endpoint}/")
        {
            Content = new StringContent(form + "&Version=2012-11-05", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123");
        return await fixture.Http.SendAsync(request);
    }

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
