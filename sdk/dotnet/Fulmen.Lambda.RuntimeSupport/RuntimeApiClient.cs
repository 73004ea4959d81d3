using System.Buffers.Text;
using System.Text;
using Fulmen.Lambda.RuntimeSupport.Http;

namespace Fulmen.Lambda.RuntimeSupport;

/// <summary>
/// One invocation as <c>/next</c> delivers it. The payload lives in the client's buffer and is valid until the
/// client's next request (the invocation's own <c>/response</c> or <c>/error</c>).
/// </summary>
internal sealed record NextInvocation(
    string RequestId,
    long DeadlineMs,
    string InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    ArraySegment<byte> Payload)
{
    /// <summary>The event as the read-only stream a handler gets.</summary>
    public MemoryStream OpenPayload() => new(Payload.Array!, Payload.Offset, Payload.Count, writable: false);
}

/// <summary>
/// The Runtime API (<c>2018-06-01</c>) over one kept-alive connection (<see cref="RuntimeApiConnection"/>), with no
/// timeout: <c>/next</c> waits as long as the environment is idle. Calls block the calling thread; the loop makes
/// one at a time.
/// </summary>
internal sealed class RuntimeApiClient(string endpoint) : IDisposable
{
    private static readonly byte[] JsonBody = "Content-Type: application/json\r\n"u8.ToArray();
    private static readonly byte[] ErrorBody = "Content-Type: application/vnd.aws.lambda.error+json\r\n"u8.ToArray();

    private readonly RuntimeApiConnection _connection = new(endpoint);
    private readonly NextHeaders _next = new();
    private byte[] _path = new byte[256];

    /// <summary>For a pre-started host: waits until Fulmen says which function to load, and returns that assignment (JSON).</summary>
    public byte[] WaitForAssignment()
    {
        var response = _connection.Send("GET"u8, "fulmen/assignment"u8, default, default, default, null);
        EnsureSuccess(response, "fulmen/assignment");
        return response.Body.ToArray();
    }

    public NextInvocation Next(CancellationToken cancellationToken = default)
    {
        _next.Clear();
        var response = _connection.Send("GET"u8, "runtime/invocation/next"u8, default, default, default, _next, cancellationToken);
        EnsureSuccess(response, "runtime/invocation/next");
        return new NextInvocation(_next.RequestId ?? "", _next.DeadlineMs, _next.Arn ?? "", _next.TraceId, _next.ClientContext, _next.CognitoIdentity, response.BodySegment);
    }

    public void Respond(string requestId, ReadOnlySpan<byte> body) => Post(requestId, "/response"u8, JsonBody, body);

    public void Error(string requestId, ReadOnlySpan<byte> error, string errorType) =>
        Post(requestId, "/error"u8, ErrorHeaders(errorType), error);

    public void InitError(ReadOnlySpan<byte> error, string errorType)
    {
        var response = _connection.Send("POST"u8, "runtime/init/error"u8, default, ErrorHeaders(errorType), error, null);
        FailOnServerError(response, "runtime/init/error");
    }

    private void Post(string requestId, ReadOnlySpan<byte> action, ReadOnlySpan<byte> headers, ReadOnlySpan<byte> body)
    {
        // "runtime/invocation/{id}": the id is the platform's own (a UUID), written as sent.
        var length = "runtime/invocation/"u8.Length + Encoding.UTF8.GetMaxByteCount(requestId.Length);
        if (length > _path.Length)
        {
            _path = new byte[length];
        }
        "runtime/invocation/"u8.CopyTo(_path);
        var written = "runtime/invocation/"u8.Length + Encoding.UTF8.GetBytes(requestId, _path.AsSpan("runtime/invocation/"u8.Length));
        var response = _connection.Send("POST"u8, _path.AsSpan(0, written), action, headers, body, null);
        FailOnServerError(response, "runtime/invocation/" + requestId + Encoding.ASCII.GetString(action));
    }

    // Error types are exception names; a CR or LF would end the header early.
    private static byte[] ErrorHeaders(string errorType) =>
        [.. ErrorBody, .. "Lambda-Runtime-Function-Error-Type: "u8, .. Encoding.UTF8.GetBytes(errorType.Replace('\r', ' ').Replace('\n', ' ')), .. "\r\n"u8];

    private static void EnsureSuccess(HttpResponseReader response, string path)
    {
        if (response.Status is < 200 or > 299)
        {
            throw Failure(response, path);
        }
    }

    // A 400/403/413 means the invocation is already over (timed out) or the answer was too big; the platform has
    // answered the caller, so the host simply moves on.
    private static void FailOnServerError(HttpResponseReader response, string path)
    {
        if (response.Status >= 500)
        {
            throw Failure(response, path);
        }
    }

    private static RuntimeApiException Failure(HttpResponseReader response, string path) =>
        new($"The Runtime API answered {response.Status} to {path}: {Encoding.UTF8.GetString(response.Body.Span[..Math.Min(response.BodyLength, 1024)])}", response.Status);

    public void Dispose() => _connection.Dispose();

    /// <summary>The <c>Lambda-Runtime-*</c> headers of <c>/next</c>; the function's ARN is the same every time and kept as one string.</summary>
    private sealed class NextHeaders : IResponseHeaders
    {
        private byte[] _arnBytes = [];

        public string? RequestId { get; private set; }
        public long DeadlineMs { get; private set; }
        public string? Arn { get; private set; }
        public string? TraceId { get; private set; }
        public string? ClientContext { get; private set; }
        public string? CognitoIdentity { get; private set; }

        public void Clear()
        {
            RequestId = TraceId = ClientContext = CognitoIdentity = null;
            DeadlineMs = 0;
        }

        public void Header(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (name.Length <= 15 || !System.Text.Ascii.EqualsIgnoreCase(name[..15], "Lambda-Runtime-"u8))
            {
                return;
            }
            var suffix = name[15..];
            if (System.Text.Ascii.EqualsIgnoreCase(suffix, "Aws-Request-Id"u8))
            {
                RequestId = Encoding.UTF8.GetString(value);
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(suffix, "Deadline-Ms"u8))
            {
                DeadlineMs = Utf8Parser.TryParse(value, out long deadline, out _) ? deadline : 0;
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(suffix, "Invoked-Function-Arn"u8))
            {
                if (Arn is null || !value.SequenceEqual(_arnBytes))
                {
                    _arnBytes = value.ToArray();
                    Arn = Encoding.UTF8.GetString(value);
                }
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(suffix, "Trace-Id"u8))
            {
                TraceId = Encoding.UTF8.GetString(value);
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(suffix, "Client-Context"u8))
            {
                ClientContext = Encoding.UTF8.GetString(value);
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(suffix, "Cognito-Identity"u8))
            {
                CognitoIdentity = Encoding.UTF8.GetString(value);
            }
        }
    }
}
