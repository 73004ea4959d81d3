using System.Collections.Generic;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace AwsHandlers;

/// <summary>An HTTP API (payload 2.0) handler.</summary>
public class HttpFunction
{
    public APIGatewayHttpApiV2ProxyResponse Handle(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context) => new()
    {
        StatusCode = 201,
        Headers = new Dictionary<string, string> { ["content-type"] = "text/plain", ["x-route"] = request.RouteKey },
        Body = $"{request.RequestContext.Http.Method} {request.RawPath}?{request.RawQueryString} name={request.QueryStringParameters?["name"]} body={request.Body}",
    };
}
