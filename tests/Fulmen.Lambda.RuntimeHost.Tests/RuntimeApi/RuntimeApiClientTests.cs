using System.Text;
using Fulmen.Lambda.RuntimeSupport;
using Fulmen.Lambda.RuntimeSupport.Http;

namespace Fulmen.Lambda.RuntimeHost.Tests.RuntimeApi;

/// <summary>The Runtime API client against a scripted peer on loopback: what it sends, what it makes of the answers.</summary>
public sealed class RuntimeApiClientTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly ScriptedPeer _peer = new();

    public void Dispose() => _peer.Dispose();

    [Fact]
    public async Task Next_ReadsTheLambdaHeadersAndThePayload()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        _peer.Reply(_ => "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: 6f0a7a4e-1\r\nLambda-Runtime-Deadline-Ms: 1800000000123\r\n"
            + "lambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:000000000000:function:f\r\nLambda-Runtime-Trace-Id: Root=1-2-3\r\n"
            + "Lambda-Runtime-Client-Context: {\"custom\":{}}\r\nLambda-Runtime-Cognito-Identity: {\"cognitoIdentityId\":\"id\"}\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
        var invocation = await Task.Run(() => api.Next()).WaitAsync(Guard);
        Assert.Equal(new NextInvocation("6f0a7a4e-1", 1800000000123, "arn:aws:lambda:us-east-1:000000000000:function:f", "Root=1-2-3",
            "{\"custom\":{}}", "{\"cognitoIdentityId\":\"id\"}", invocation.Payload), invocation);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(invocation.Payload));
        var request = Assert.Single(_peer.Requests);
        Assert.Equal($"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {_peer.Endpoint}\r\n\r\n", request.Head);
    }

    [Fact]
    public async Task Respond_PostsTheBodyWithItsLength_OnTheSameConnection()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        _peer.Reply(_ => "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r1\r\nContent-Length: 2\r\n\r\n{}");
        _peer.Reply(_ => "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}");
        await Task.Run(() =>
        {
            var invocation = api.Next();
            api.Respond(invocation.RequestId, "{\"done\":true}"u8);
        }).WaitAsync(Guard);
        var respond = _peer.Requests[1];
        Assert.Equal($"POST /2018-06-01/runtime/invocation/r1/response HTTP/1.1\r\nHost: {_peer.Endpoint}\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n", respond.Head);
        Assert.Equal("{\"done\":true}", Encoding.UTF8.GetString(respond.Body));
        Assert.Equal(1, _peer.Connections);
    }

    [Fact]
    public async Task Error_CarriesTheErrorTypeHeader()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        _peer.Reply(_ => "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        await Task.Run(() => api.Error("r2", "{\"errorType\":\"InvalidOperationException\"}"u8, "InvalidOperationException")).WaitAsync(Guard);
        var request = Assert.Single(_peer.Requests);
        Assert.Equal($"POST /2018-06-01/runtime/invocation/r2/error HTTP/1.1\r\nHost: {_peer.Endpoint}\r\nContent-Type: application/vnd.aws.lambda.error+json\r\n"
            + "Lambda-Runtime-Function-Error-Type: InvalidOperationException\r\nContent-Length: 41\r\n\r\n", request.Head);
    }

    [Fact]
    public async Task SixMegabyteResponse_IsSentWhole()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        var body = new byte[6 * 1024 * 1024];
        new Random(3).NextBytes(body);
        _peer.Reply(_ => "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        await Task.Run(() => api.Respond("big", body)).WaitAsync(Guard);
        Assert.True(body.AsSpan().SequenceEqual(Assert.Single(_peer.Requests).Body));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task Respond_ClientErrorStatus_MeansTheInvocationIsOver_AndIsNoFailure(int status)
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        _peer.Reply(_ => $"HTTP/1.1 {status} Whatever\r\nContent-Length: 2\r\n\r\n{{}}");
        await Task.Run(() => api.Respond("late", "{}"u8)).WaitAsync(Guard);
    }

    [Fact]
    public async Task ServerErrorStatus_IsAnError_WithTheStatus()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        _peer.Reply(_ => "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\noops");
        _peer.Reply(_ => "HTTP/1.1 502 Bad Gateway\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ngone\r\n0\r\n\r\n");
        var next = await Assert.ThrowsAsync<RuntimeApiException>(() => Task.Run(() => api.Next()).WaitAsync(Guard));
        Assert.Equal(500, next.Status);
        Assert.Contains("oops", next.Message, StringComparison.Ordinal);
        var respond = await Assert.ThrowsAsync<RuntimeApiException>(() => Task.Run(() => api.Respond("r", "{}"u8)).WaitAsync(Guard));
        Assert.Equal(502, respond.Status);
    }

    [Fact]
    public async Task ClosedIdleConnection_IsReopened_AndTheRequestSentAgain()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        _peer.Reply(_ => "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", closeAfter: true);
        _peer.Reply(_ => "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: again\r\nContent-Length: 0\r\n\r\n");
        await Task.Run(() => api.Respond("first", "{}"u8)).WaitAsync(Guard);
        await _peer.ClosedOne.WaitAsync(Guard);
        var invocation = await Task.Run(() => api.Next()).WaitAsync(Guard);
        Assert.Equal("again", invocation.RequestId);
        Assert.Equal(2, _peer.Connections);
    }

    [Fact]
    public async Task ConnectionClose_FromThePeer_IsHonoured()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        _peer.Reply(_ => "HTTP/1.1 202 Accepted\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", closeAfter: true);
        _peer.Reply(_ => "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        await Task.Run(() =>
        {
            api.Respond("a", "{}"u8);
            api.Respond("b", "{}"u8);
        }).WaitAsync(Guard);
        Assert.Equal(2, _peer.Connections);
    }

    [Fact]
    public async Task Next_Cancelled_WhileWaiting_EndsTheWait()
    {
        using var api = new RuntimeApiClient(_peer.Endpoint);
        using var cancel = new CancellationTokenSource();
        var waiting = Task.Run(() => api.Next(cancel.Token));
        await _peer.FirstRequest.WaitAsync(Guard);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Guard));
    }

    [Fact]
    public async Task NoPeer_IsAnError()
    {
        var port = _peer.Port;
        _peer.Dispose();
        using var api = new RuntimeApiClient($"127.0.0.1:{port}");
        await Assert.ThrowsAsync<RuntimeApiException>(() => Task.Run(() => api.Next()).WaitAsync(Guard));
    }
}
