using System.Net;
using System.Text;
using System.Xml.Linq;
using Fulmen.Protocols.Signing;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>A response as the fuzz suite judges it: status, error type (header, JSON or XML) and body.</summary>
internal sealed record FuzzResponse(int Status, string? ErrorType, string Body)
{
    public override string ToString() => $"→ {Status} {ErrorType}\n{FuzzRequest.Shorten(Body, 800)}";
}

/// <summary>Sends generated requests to the server, signed as the AWS SDKs sign them unless the case says otherwise.</summary>
internal sealed class FuzzClient(FulmenServer server) : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>Pseudo-statuses: the server closed the connection before answering; nothing listened at all.</summary>
    public const int Closed = 0, Refused = 598;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static readonly SigningKeyPair Key = new("test", "test");

    /// <summary>The response, or null when none came within <see cref="Patience"/> (a hang).</summary>
    public async Task<FuzzResponse?> SendAsync(FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri($"http://127.0.0.1:{request.Port ?? server.Port}{request.PathAndQuery}"));
        if (request.Body.Length > 0 || request.Method is "POST" or "PUT" or "PATCH")
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (request.Host is not null)
        {
            message.Headers.Host = request.Host;
        }
        if (request.Signing != Signing.Unsigned)
        {
            // A declared payload hash (S3's aws-chunked bodies) is what a client signs instead of the body's; S3's SDKs sign
            // the path as sent.
            var declared = request.Headers.FirstOrDefault(h => h.Key.Equals("x-amz-content-sha256", StringComparison.OrdinalIgnoreCase)).Value;
            SigV4Signer.Sign(message, request.Body, Key, "us-east-1", request.SigningName, DateTimeOffset.UtcNow, declared,
                pathAsSent: request.SigningName == "s3");
        }
        if (request.Signing == Signing.Garbled)
        {
            message.Headers.Remove("Authorization");
            message.Headers.TryAddWithoutValidation("Authorization", request.Authorization ?? "");
        }
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, patience.Token);
            var body = await ReadAtMostAsync(response, 1 << 20, patience.Token);
            return new FuzzResponse((int)response.StatusCode, ErrorType(response, body), body);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            return null;
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.InvalidResponse)
        {
            // A response the client could not parse is a broken answer, not a hang: judged as a bare 5xx.
            return new FuzzResponse(599, null, "");
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError)
        {
            return new FuzzResponse(Refused, null, $"no connection: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            // The server closed the connection while the request was still being sent (a body over its limit): a refusal.
            return new FuzzResponse(Closed, null, $"connection closed: {e.Message}");
        }
    }

    private static async Task<string> ReadAtMostAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var read = 0;
        int n;
        while (read < limit && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary><c>x-amzn-ErrorType</c> (rest-json), <c>__type</c> (JSON 1.x) or <c>&lt;Code&gt;</c> (query, rest-xml).</summary>
    private static string? ErrorType(HttpResponseMessage response, string body)
    {
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            return values.First().Split(':')[0];
        }
        if (response.StatusCode < HttpStatusCode.BadRequest)
        {
            return null;
        }
        if (body.StartsWith('<'))
        {
            try
            {
                return XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            }
            catch (System.Xml.XmlException)
            {
                return null;
            }
        }
        var type = System.Text.RegularExpressions.Regex.Match(body, "\"__type\"\\s*:\\s*\"(?:[^\"#]*#)?([^\"]*)\"");
        return type.Success ? type.Groups[1].Value : null;
    }

    public void Dispose() => _http.Dispose();
}
