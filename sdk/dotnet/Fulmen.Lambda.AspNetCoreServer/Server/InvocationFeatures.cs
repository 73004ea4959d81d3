using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Fulmen.Lambda.AspNetCoreServer.Server;

/// <summary>
/// The request and response of one invocation as ASP.NET Core features: the event fills the request side, the
/// app writes the response into memory, and the whole response becomes the proxy response once the app is done.
/// As with AWS's server, <c>OnStarting</c> callbacks run when the app has finished, before the response is read.
/// </summary>
internal sealed class InvocationFeatures :
    IHttpRequestFeature, IHttpResponseFeature, IHttpResponseBodyFeature, IHttpConnectionFeature,
    IHttpRequestIdentifierFeature, IHttpRequestLifetimeFeature, IHttpRequestBodyDetectionFeature
{
    private readonly MemoryStream _responseBody = new();
    private PipeWriter? _writer;
    private Stack<(Func<object, Task> Callback, object State)>? _onStarting;
    private Stack<(Func<object, Task> Callback, object State)>? _onCompleted;

    public InvocationFeatures()
    {
        Collection.Set<IHttpRequestFeature>(this);
        Collection.Set<IHttpResponseFeature>(this);
        Collection.Set<IHttpResponseBodyFeature>(this);
        Collection.Set<IHttpConnectionFeature>(this);
        Collection.Set<IHttpRequestIdentifierFeature>(this);
        Collection.Set<IHttpRequestLifetimeFeature>(this);
        Collection.Set<IHttpRequestBodyDetectionFeature>(this);
        Collection.Set<IItemsFeature>(new ItemsFeature { Items = Items });
    }

    public FeatureCollection Collection { get; } = new();

    /// <summary><c>HttpContext.Items</c>: AWS's keys <c>LambdaContext</c> and <c>LambdaRequestObject</c> are filled in.</summary>
    public Dictionary<object, object?> Items { get; } = [];

    /// <summary>The response body the app wrote (valid after <see cref="FinishAsync"/>).</summary>
    public ArraySegment<byte> ResponseBytes => new(_responseBody.GetBuffer(), 0, (int)_responseBody.Length);

    // Request
    public string Protocol { get; set; } = "HTTP/1.1";

    public string Scheme { get; set; } = "https";

    public string Method { get; set; } = "GET";

    public string PathBase { get; set; } = "";

    public string Path { get; set; } = "/";

    public string QueryString { get; set; } = "";

    public string RawTarget { get; set; } = "/";

    IHeaderDictionary IHttpRequestFeature.Headers { get; set; } = new HeaderDictionary();

    public IHeaderDictionary RequestHeaders => ((IHttpRequestFeature)this).Headers;

    Stream IHttpRequestFeature.Body { get; set; } = Stream.Null;

    public bool CanHaveBody { get; private set; }

    /// <summary>For load balancer events: the request came with <c>multiValueHeaders</c>, so the response must too.</summary>
    public bool AnswerWithMultiValueHeaders { get; set; }

    /// <summary>The request body, with a Content-Length when the event did not carry one.</summary>
    public void SetRequestBody(byte[] body)
    {
        ((IHttpRequestFeature)this).Body = new MemoryStream(body, writable: false);
        CanHaveBody = body.Length > 0;
        if (CanHaveBody && !RequestHeaders.ContainsKey(HeaderNames.ContentLength))
        {
            RequestHeaders.ContentLength = body.Length;
        }
    }

    // Response
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    IHeaderDictionary IHttpResponseFeature.Headers { get; set; } = new HeaderDictionary();

    public IHeaderDictionary ResponseHeaders => ((IHttpResponseFeature)this).Headers;

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
    Stream IHttpResponseFeature.Body { get => _responseBody; set => throw new NotSupportedException("The Lambda server's response body cannot be replaced; wrap HttpResponse.Body instead."); }

    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state) => (_onStarting ??= new()).Push((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => (_onCompleted ??= new()).Push((callback, state));

    public Stream Stream => _responseBody;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_responseBody, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_responseBody, path, offset, count, cancellationToken);

    public Task CompleteAsync() => _writer is null ? Task.CompletedTask : _writer.FlushAsync().AsTask();

    /// <summary>After the app: flushes what it wrote through the pipe writer and runs the <c>OnStarting</c> callbacks (last registered first).</summary>
    public async Task FinishAsync()
    {
        if (_writer is not null)
        {
            await _writer.CompleteAsync();
        }
        while (_onStarting is { Count: > 0 })
        {
            var (callback, state) = _onStarting.Pop();
            await callback(state);
        }
        HasStarted = true;
    }

    /// <summary>The app failed before anything was sent: a 500 with the exception's text or nothing.</summary>
    public void ResetToError(Exception? detail)
    {
        StatusCode = StatusCodes.Status500InternalServerError;
        ReasonPhrase = null;
        ResponseHeaders.Clear();
        _writer = null;
        _responseBody.SetLength(0);
        if (detail is not null)
        {
            ResponseHeaders.ContentType = "text/plain; charset=utf-8";
            _responseBody.Write(System.Text.Encoding.UTF8.GetBytes(detail.ToString()));
        }
    }

    public async Task FireOnCompletedAsync()
    {
        while (_onCompleted is { Count: > 0 })
        {
            var (callback, state) = _onCompleted.Pop();
            await callback(state);
        }
    }

    // Connection
    public string ConnectionId { get; set; } = "";

    public IPAddress? RemoteIpAddress { get; set; }

    public IPAddress? LocalIpAddress { get; set; }

    public int RemotePort { get; set; }

    public int LocalPort { get; set; }

    public string TraceIdentifier { get; set; } = "";

    public CancellationToken RequestAborted { get; set; }

    public void Abort()
    {
    }
}
