using Fulmen.Buckets.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fulmen.Buckets.Api;

/// <summary>
/// Where an S3 request points: the bucket from the host (<c>{bucket}.s3.{anything}</c>, or <c>{bucket}.localhost</c>
/// as SDKs address a local endpoint by default) or else the path's first segment, and the key from the rest of the
/// path, decoded from the raw target so an encoded <c>/</c> or <c>+</c> in a key stays what the client meant.
/// </summary>
internal sealed record S3Request(HttpContext Context, string? Bucket, string? Key)
{
    public HttpRequest Request => Context.Request;
    public HttpResponse Response => Context.Response;
    public IQueryCollection Query => Context.Request.Query;
    public CancellationToken Aborted => Context.RequestAborted;

    public bool Has(string parameter) => Context.Request.Query.ContainsKey(parameter);

    public string? QueryValue(string parameter) => Context.Request.Query.TryGetValue(parameter, out var value) ? value.ToString() : null;

    public string? Header(string name) => Context.Request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    /// <summary>The S3 resource the request names, for errors: <c>/bucket/key</c>.</summary>
    public string Resource => Key is null ? $"/{Bucket}" : $"/{Bucket}/{Key}";

    public static S3Request Parse(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? raw[..query] : raw;
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var slash = path.IndexOf('/', path.IndexOf("//", StringComparison.Ordinal) + 2);
            path = slash >= 0 ? path[slash..] : "/";
        }
        path = path.StartsWith('/') ? path[1..] : path;
        if (VirtualHostBucket(context.Request.Host.Host) is { } bucket)
        {
            return new S3Request(context, bucket, path.Length == 0 ? null : Decode(path));
        }
        var separator = path.IndexOf('/', StringComparison.Ordinal);
        var name = Decode(separator >= 0 ? path[..separator] : path);
        var key = separator >= 0 && separator < path.Length - 1 ? Decode(path[(separator + 1)..]) : null;
        return new S3Request(context, name.Length == 0 ? null : name, key);
    }

    private static string? VirtualHostBucket(string host)
    {
        var at = host.IndexOf(".s3.", StringComparison.OrdinalIgnoreCase);
        if (at > 0)
        {
            return host[..at];
        }
        if (host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) && host.Length > ".localhost".Length)
        {
            var bucket = host[..^".localhost".Length];
            return bucket.Equals("s3", StringComparison.OrdinalIgnoreCase) || bucket.StartsWith("s3.", StringComparison.OrdinalIgnoreCase) ? null : bucket;
        }
        return null;
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>Who signed the request (its access key), for change records.</summary>
    public Requester Requester()
    {
        var authorization = Request.Headers.Authorization.ToString();
        var credential = authorization.IndexOf("Credential=", StringComparison.Ordinal) is var at and >= 0
            ? authorization[(at + "Credential=".Length)..]
            : QueryValue("X-Amz-Credential") ?? "";
        var slash = credential.IndexOf('/', StringComparison.Ordinal);
        var key = slash > 0 ? credential[..slash] : "anonymous";
        return new Requester(key, Context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
    }
}
