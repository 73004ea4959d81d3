using System.Text.Json;
using Fulmen.Lambda.APIGatewayEvents;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>The JSON body this function answers with.</summary>
public sealed record Hello(string Message, string Method, string Path);

/// <summary>
/// Answers HTTP requests from a function URL or an API Gateway HTTP API (payload format 2.0):
/// <c>GET /anything?name=you</c> gives <c>{"message":"Hello, you!","method":"GET","path":"/anything"}</c>.
/// </summary>
public class Function
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public APIGatewayHttpApiV2ProxyResponse FunctionHandler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        var method = request.RequestContext?.Http?.Method ?? "GET";
        var path = request.RawPath ?? "/";
        var name = request.QueryStringParameters?.TryGetValue("name", out var given) == true && given.Length > 0 ? given : "world";
        context.Logger.LogInformation($"{method} {path}");
        return new APIGatewayHttpApiV2ProxyResponse
        {
            StatusCode = 200,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = JsonSerializer.Serialize(new Hello($"Hello, {name}!", method, path), Json),
        };
    }
}
