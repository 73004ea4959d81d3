using System.Text.Json.Serialization;
using Fulmen.Lambda.APIGatewayEvents;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;

// Source-generated JSON: no reflection at start-up, so the first request after a cold start is quicker.
[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<Examples.Http.HttpJsonContext>))]

namespace Examples.Http;

/// <summary>
/// A small HTTP API behind a function URL or an API Gateway HTTP API (payload format 2.0):
/// <c>GET /hello/{name}</c> greets, <c>POST /echo</c> returns the body it got, anything else is 404.
/// </summary>
public class Function
{
    public APIGatewayHttpApiV2ProxyResponse FunctionHandler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        var method = request.RequestContext?.Http?.Method ?? "GET";
        var path = request.RawPath ?? "/";
        context.Logger.LogInformation($"{method} {path}");
        return (method, path.Split('/', StringSplitOptions.RemoveEmptyEntries)) switch
        {
            ("GET", ["hello", var name]) => Json(200, new Message($"Hello, {Uri.UnescapeDataString(name)}!", context.AwsRequestId)),
            ("GET", ["hello"]) => Json(200, new Message("Hello, world!", context.AwsRequestId)),
            ("POST", ["echo"]) => new APIGatewayHttpApiV2ProxyResponse
            {
                StatusCode = 200,
                Headers = new Dictionary<string, string>
                {
                    ["Content-Type"] = request.Headers?.TryGetValue("content-type", out var type) == true ? type : "text/plain",
                },
                // Binary bodies arrive base64-encoded; hand them back the same way.
                Body = request.Body,
                IsBase64Encoded = request.IsBase64Encoded,
            },
            _ => Json(404, new Message($"No route for {method} {path}", context.AwsRequestId)),
        };
    }

    private static APIGatewayHttpApiV2ProxyResponse Json(int status, Message message) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Body = System.Text.Json.JsonSerializer.Serialize(message, HttpJsonContext.Default.Message),
    };
}

public sealed record Message([property: JsonPropertyName("message")] string Text, [property: JsonPropertyName("requestId")] string RequestId);

[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
[JsonSerializable(typeof(Message))]
public sealed partial class HttpJsonContext : JsonSerializerContext;
