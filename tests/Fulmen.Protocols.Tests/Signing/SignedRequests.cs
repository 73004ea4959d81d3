using System.Text;
using Fulmen.Protocols.Signing;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Tests.Signing;

/// <summary>Requests as the verifier sees them, signed by <see cref="SigV4Signer"/> or presigned by hand per AWS's specification.</summary>
internal static class SignedRequests
{
    public static readonly SigningKeyPair Key = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public static SigningCredentials Credentials { get; } = new(new Dictionary<string, string> { [Key.AccessKey] = Key.Secret });

    /// <summary>A request built from the HttpRequestMessage the signer signed: method, path, query, headers, body.</summary>
    public static HttpRequest Signed(HttpMethod method, string pathAndQuery, string body, DateTimeOffset at, SigningKeyPair? key = null,
        string region = "us-east-1", string service = "lambda")
    {
        var message = new HttpRequestMessage(method, new Uri("http://127.0.0.1:4566" + pathAndQuery));
        SigV4Signer.Sign(message, Encoding.UTF8.GetBytes(body), key ?? Key, region, service, at);
        var request = Build(method.Method, pathAndQuery, body);
        foreach (var header in message.Headers)
        {
            request.Headers[header.Key] = header.Value.ToArray();
        }
        return request;
    }

    /// <summary>A presigned GET as AWS's SDKs make it for services other than S3 (host signed, empty body hashed).</summary>
    public static HttpRequest Presigned(string path, DateTimeOffset at, int expires, SigningKeyPair? key = null, string service = "lambda")
    {
        key ??= Key;
        var timestamp = SigV4.Timestamp(at);
        var scope = SigV4.CredentialScope(timestamp[..8], "us-east-1", service);
        var query = $"X-Amz-Algorithm={SigV4.Algorithm}&X-Amz-Credential={Uri.EscapeDataString($"{key.AccessKey}/{scope}")}"
            + $"&X-Amz-Date={timestamp}&X-Amz-Expires={expires}&X-Amz-SignedHeaders=host";
        var canonical = $"GET\n{SigV4.EncodePath(path)}\n{SigV4.CanonicalQuery(query)}\nhost:127.0.0.1:4566\n\nhost\n{SigV4.EmptyPayloadHash}";
        var signature = SigV4.Hex(SigV4.Sign(SigV4.SigningKey(key.Secret, timestamp[..8], "us-east-1", service), SigV4.StringToSign(timestamp, scope, canonical)));
        return Build("GET", $"{path}?{query}&X-Amz-Signature={signature}", "");
    }

    public static HttpRequest Build(string method, string pathAndQuery, string body)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        request.Method = method;
        request.Path = PathString.FromUriComponent(question < 0 ? pathAndQuery : pathAndQuery[..question]);
        request.QueryString = question < 0 ? QueryString.Empty : new QueryString(pathAndQuery[question..]);
        request.Headers.Host = "127.0.0.1:4566";
        var bytes = Encoding.UTF8.GetBytes(body);
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
        return request;
    }
}
