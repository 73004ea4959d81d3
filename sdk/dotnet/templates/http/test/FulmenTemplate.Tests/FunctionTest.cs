using System.Text.Json;
using Fulmen.Lambda.APIGatewayEvents;
using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public void FunctionHandler_GetWithName_AnswersJsonHello()
    {
        var request = new APIGatewayHttpApiV2ProxyRequest
        {
            RawPath = "/greetings",
            QueryStringParameters = new Dictionary<string, string> { ["name"] = "Fulmen" },
            RequestContext = new APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext
            {
                Http = new APIGatewayHttpApiV2ProxyRequest.HttpDescription { Method = "GET", Path = "/greetings" },
            },
        };
        var context = new TestLambdaContext();

        var response = new Function().FunctionHandler(request, context);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        using var body = JsonDocument.Parse(response.Body!);
        Assert.Equal("Hello, Fulmen!", body.RootElement.GetProperty("message").GetString());
        Assert.Equal("/greetings", body.RootElement.GetProperty("path").GetString());
        Assert.Contains("GET /greetings", ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }
}
