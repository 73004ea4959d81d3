using System.Globalization;
using Fulmen.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// A request to an HTTP API route, split into what proxy events show. <see cref="RawPath"/> is the path as the client
/// sent it (with a named stage's segment, as AWS shows it); <see cref="Resource"/> the route's path template.
/// </summary>
public sealed record ProxyRequest(
    string ApiId, string DomainName, string Stage, string RouteKey, string Resource, string ResourceId, string RawPath, string RawQuery,
    IReadOnlyDictionary<string, string> PathParameters, IReadOnlyDictionary<string, string> StageVariables, byte[] Body, string RequestId)
{
    public static string Time(DateTimeOffset now) => now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);

    /// <summary>What API Gateway adds on its way to the integration, when the client did not send them.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ForwardedHeaders(HttpContext context, string requestId, DateTimeOffset now)
    {
        yield return new("X-Forwarded-For", RequestParts.SourceIp(context));
        yield return new("X-Forwarded-Proto", context.Request.Scheme);
        yield return new("X-Forwarded-Port", context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
        var hex = Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(requestId.PadRight(12, '0')[..12]));
        yield return new("X-Amzn-Trace-Id", $"Root=1-{now.ToUnixTimeSeconds():x8}-{hex}");
    }
}
