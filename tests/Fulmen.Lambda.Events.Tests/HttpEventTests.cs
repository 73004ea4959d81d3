using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fulmen.Lambda.APIGatewayEvents;
using Fulmen.Lambda.ApplicationLoadBalancerEvents;
using Fulmen.Lambda.Serialization.SystemTextJson;
using Fulmen.Lambda.VpcLatticeEvents;

namespace Fulmen.Lambda.Events.Tests;

public sealed class HttpEventCases : EventCases
{
    public override IEnumerable<(string Fixture, Type Model)> Cases =>
    [
        ("apigateway-rest-v1.json", typeof(APIGatewayProxyRequest)),
        ("apigateway-rest-v1.response.json", typeof(APIGatewayProxyResponse)),
        ("apigateway-http-v2.json", typeof(APIGatewayHttpApiV2ProxyRequest)),
        ("apigateway-http-v2.response.json", typeof(APIGatewayHttpApiV2ProxyResponse)),
        // The simplified form is whatever JSON value the handler returns (no statusCode): no fixed shape.
        ("apigateway-http-v2.response-simplified.json", typeof(JsonElement)),
        ("lambda-function-url.json", typeof(APIGatewayHttpApiV2ProxyRequest)),
        ("lambda-function-url.response.json", typeof(APIGatewayHttpApiV2ProxyResponse)),
        ("alb.json", typeof(ApplicationLoadBalancerRequest)),
        ("alb-multivalue.json", typeof(ApplicationLoadBalancerRequest)),
        ("alb.response.json", typeof(ApplicationLoadBalancerResponse)),
        ("alb-multivalue.response.json", typeof(ApplicationLoadBalancerResponse)),
        ("vpc-lattice-v1.json", typeof(VpcLatticeV1Request)),
        ("vpc-lattice-v2.json", typeof(VpcLatticeV2Request)),
        ("vpc-lattice.response.json", typeof(VpcLatticeResponse)),
    ];
}

public sealed class HttpEventTests
{
    private static readonly JsonSerializerOptions Options = new DefaultLambdaJsonSerializer().Options;

    public static TheoryData<string, Type> Examples => EventCases.Of<HttpEventCases>();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_RoundTrips(string fixture, Type model) => EventJson.AssertRoundTrips(fixture, model);

    [Fact]
    public void RestApiRequest_ExposesBodyParametersAndContext()
    {
        var request = Read<APIGatewayProxyRequest>("apigateway-rest-v1.json");

        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/orders/{orderId}", request.Resource);
        Assert.Equal("ord-7781", request.PathParameters!["orderId"]);
        Assert.Equal("application/json", request.Headers!["Content-Type"]);
        Assert.Equal(["red", "blue"], request.MultiValueQueryStringParameters!["tag"]);
        Assert.Equal("blue", request.QueryStringParameters!["tag"]);
        Assert.Equal("orders-prod", request.StageVariables!["tableName"]);
        Assert.Equal(2, JsonDocument.Parse(request.Body!).RootElement.GetProperty("quantity").GetInt32());
        Assert.False(request.IsBase64Encoded);

        var context = request.RequestContext!;
        Assert.Equal("prod", context.Stage);
        Assert.Equal("HTTP/1.1", context.Protocol);
        Assert.Equal("198.51.100.24", context.Identity!.SourceIp);
        Assert.Null(context.Identity.ClientCert);
        Assert.Null(context.ConnectionAt);
        Assert.Equal(
            new DateTime(2024, 5, 24, 14, 3, 11, 123, DateTimeKind.Utc),
            DateTime.UnixEpoch.AddMilliseconds(context.RequestTimeEpoch));
        Assert.Equal("user-4411", context.Authorizer!["principalId"].ToString());
        Assert.Equal(12, ((JsonElement)context.Authorizer["integrationLatency"]).GetInt32());
    }

    [Fact]
    public void RestApiRequest_CognitoAuthorizer_ExposesClaims()
    {
        var request = JsonSerializer.Deserialize<APIGatewayProxyRequest>(
            """{"requestContext":{"authorizer":{"claims":{"sub":"u-1","email_verified":"true","n":3}}}}""", Options)!;

        var claims = request.RequestContext!.Authorizer!.Claims;
        Assert.Equal("u-1", claims["sub"]);
        Assert.Equal("true", claims["email_verified"]);
        Assert.False(claims.ContainsKey("n"));
    }

    [Fact]
    public void RestApiResponse_BuiltInCode_WritesWhatApiGatewayExpects()
    {
        var response = new APIGatewayProxyResponse
        {
            StatusCode = 201,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            MultiValueHeaders = new Dictionary<string, IList<string>>
            {
                ["Set-Cookie"] = ["session=abc123; Secure; HttpOnly", "theme=dark; Path=/"],
            },
            Body = """{"orderId": "ord-7781", "status": "CREATED"}""",
        };

        AssertWritesAs("apigateway-rest-v1.response.json", response);
    }

    [Fact]
    public void HttpApiRequest_ExposesCookiesHeadersAndJwtClaims()
    {
        var request = Read<APIGatewayHttpApiV2ProxyRequest>("apigateway-http-v2.json");

        Assert.Equal("2.0", request.Version);
        Assert.Equal("/items/sku-20", request.RawPath);
        Assert.Equal("color=red&color=green&size=m", request.RawQueryString);
        Assert.Equal(["sessionId=9f8e7d6c", "locale=en-GB"], request.Cookies!);
        Assert.Equal("one,two", request.Headers!["x-custom"]);
        Assert.Equal("red,green", request.QueryStringParameters!["color"]);
        Assert.Equal("sku-20", request.PathParameters!["id"]);
        Assert.Null(request.Body);

        var context = request.RequestContext!;
        Assert.Equal("GET", context.Http!.Method);
        Assert.Equal("203.0.113.77", context.Http.SourceIp);
        Assert.Equal("$default", context.Stage);
        Assert.Equal(1716559542311, context.TimeEpoch);
        Assert.Equal("c0ffee00-1111-2222-3333-444455556666", context.Authorizer!.Jwt!.Claims!["sub"]);
        Assert.Equal(["items/read"], context.Authorizer.Jwt.Scopes!);
        Assert.Null(context.Authorizer.IAM);
    }

    [Fact]
    public void HttpApiResponse_BuiltInCode_WritesWhatApiGatewayExpects()
    {
        var response = new APIGatewayHttpApiV2ProxyResponse
        {
            StatusCode = 200,
            Cookies = ["lastItem=sku-20; Max-Age=3600; Secure"],
            Body = """{"id": "sku-20", "color": ["red", "green"]}""",
        };
        response.SetHeaderValues("content-type", "application/json", append: false);
        response.SetHeaderValues("cache-control", "max-age=60", append: true);

        AssertWritesAs("apigateway-http-v2.response.json", response);
    }

    [Fact]
    public void HttpApiResponse_SetHeaderValues_AppendsCommaSeparated()
    {
        var response = new APIGatewayHttpApiV2ProxyResponse();
        response.SetHeaderValues("vary", "accept", append: true);
        response.SetHeaderValues("vary", ["origin", "cookie"], append: true);
        Assert.Equal("accept,origin,cookie", response.Headers!["vary"]);

        response.SetHeaderValues("vary", "none", append: false);
        Assert.Equal("none", response.Headers["vary"]);
    }

    [Fact]
    public void HttpApiSimplifiedResponse_IsTheHandlersOwnValue()
    {
        // Returning a plain object (no statusCode) makes API Gateway answer 200 with it as the JSON body.
        var written = JsonSerializer.Serialize(new StockLevel("sku-20", true), Options);

        Assert.Null(EventJson.FindDifference(
            JsonNode.Parse(File.ReadAllText(EventJson.PathOf("apigateway-http-v2.response-simplified.json"))),
            JsonNode.Parse(written),
            "$"));
        Assert.False(JsonDocument.Parse(written).RootElement.TryGetProperty("statusCode", out _));
    }

    [Fact]
    public void FunctionUrlRequest_DecodesBase64BodyAndIamCaller()
    {
        var request = Read<APIGatewayHttpApiV2ProxyRequest>("lambda-function-url.json");

        Assert.True(request.IsBase64Encoded);
        Assert.Equal("region,total\neu,42\n", Encoding.UTF8.GetString(Convert.FromBase64String(request.Body!)));
        Assert.Equal("$default", request.RouteKey);
        Assert.Null(request.PathParameters);
        Assert.Null(request.StageVariables);

        var context = request.RequestContext!;
        Assert.Null(context.Authentication);
        Assert.Equal("POST", context.Http!.Method);
        var iam = context.Authorizer!.IAM!;
        Assert.Equal("arn:aws:iam::444455556666:user/report-bot", iam.UserARN);
        Assert.Equal("o-exampleorg1", iam.PrincipalOrgId);
        Assert.Null(iam.CognitoIdentity);
    }

    [Fact]
    public void FunctionUrlResponse_BuiltInCode_WritesWhatLambdaExpects()
    {
        var response = new APIGatewayHttpApiV2ProxyResponse
        {
            StatusCode = 200,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv" },
            Cookies = ["lastReport=daily; Max-Age=600"],
            Body = "region,total\neu,42\n",
        };

        AssertWritesAs("lambda-function-url.response.json", response);
    }

    [Fact]
    public void AlbRequest_SingleValue_ExposesHeadersAndTargetGroup()
    {
        var request = Read<ApplicationLoadBalancerRequest>("alb.json");

        Assert.Equal(
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/orders-fn-tg/9a8b7c6d5e4f3a2b",
            request.RequestContext!.Elb!.TargetGroupArn);
        Assert.Equal("GET", request.HttpMethod);
        Assert.Equal("10.0.3.44", request.Headers!["x-forwarded-for"]);
        Assert.Equal("1", request.QueryStringParameters!["verbose"]);
        Assert.Null(request.MultiValueHeaders);
        Assert.Equal(string.Empty, request.Body);
    }

    [Fact]
    public void AlbRequest_MultiValue_ExposesEveryValue()
    {
        var request = Read<ApplicationLoadBalancerRequest>("alb-multivalue.json");

        Assert.Null(request.Headers);
        Assert.Null(request.QueryStringParameters);
        Assert.Equal(["a", "b"], request.MultiValueHeaders!["x-debug"]);
        Assert.Equal(["cpu", "mem"], request.MultiValueQueryStringParameters!["filter"]);
    }

    [Fact]
    public void AlbResponse_BuiltInCode_WritesWhatTheLoadBalancerExpects()
    {
        var single = new ApplicationLoadBalancerResponse
        {
            StatusCode = 200,
            StatusDescription = "200 OK",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = """{"healthy":true}""",
        };
        var multi = new ApplicationLoadBalancerResponse
        {
            StatusCode = 200,
            StatusDescription = "200 OK",
            MultiValueHeaders = new Dictionary<string, IList<string>>
            {
                ["Content-Type"] = ["application/json"],
                ["Set-Cookie"] = ["a=1", "b=2"],
            },
            Body = """{"healthy":true}""",
        };

        AssertWritesAs("alb.response.json", single);
        AssertWritesAs("alb-multivalue.response.json", multi);
    }

    [Fact]
    public void VpcLatticeV1Request_ReadsSnakeCaseMembers()
    {
        var request = Read<VpcLatticeV1Request>("vpc-lattice-v1.json");

        Assert.Equal("/inventory/sku-20", request.RawPath);
        Assert.Equal("GET", request.Method);
        Assert.Equal("v1, v2", request.Headers!["x-multi"]);
        Assert.Equal("lis-2", request.QueryStringParameters!["warehouse"]);
        Assert.False(request.IsBase64Encoded);
    }

    [Fact]
    public void VpcLatticeV2Request_ExposesListsIdentityAndTime()
    {
        var request = Read<VpcLatticeV2Request>("vpc-lattice-v2.json");

        Assert.Equal("2.0", request.Version);
        Assert.Equal(["v1", "v2"], request.Headers!["x-multi"]);
        Assert.Equal(["lis-2", "opo-1"], request.QueryStringParameters!["warehouse"]);
        Assert.False(request.IsBase64Encoded);

        var context = request.RequestContext!;
        Assert.Equal("eu-west-1", context.Region);
        Assert.Equal("AWS_IAM", context.Identity!.Type);
        Assert.Equal("o-exampleorg1", context.Identity.PrincipalOrgId);
        Assert.Equal("ecs-task-1a2b", context.Identity.SessionName);
        var time = DateTime.UnixEpoch.AddTicks(long.Parse(context.TimeEpoch!, System.Globalization.CultureInfo.InvariantCulture) * 10);
        Assert.Equal(new DateTime(2024, 5, 24, 14, 33, 20, 123, DateTimeKind.Utc).AddTicks(4560), time);
    }

    [Fact]
    public void VpcLatticeV2Request_AcceptsSingleStringValues()
    {
        var request = JsonSerializer.Deserialize<VpcLatticeV2Request>(
            """{"version":"2.0","headers":{"accept":"*/*","x-multi":["a","b"]},"queryStringParameters":{"q":"1"}}""",
            Options)!;

        Assert.Equal(["*/*"], request.Headers!["accept"]);
        Assert.Equal(["a", "b"], request.Headers["x-multi"]);
        Assert.Equal(["1"], request.QueryStringParameters!["q"]);
        Assert.Null(request.IsBase64Encoded);
    }

    [Fact]
    public void VpcLatticeResponse_BuiltInCode_WritesWhatLatticeExpects()
    {
        var response = new VpcLatticeResponse
        {
            StatusCode = 200,
            StatusDescription = "200 OK",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = """{"sku":"sku-20","qty":14}""",
        };

        AssertWritesAs("vpc-lattice.response.json", response);
    }

    private static T Read<T>(string fixture)
    {
        using var input = File.OpenRead(EventJson.PathOf(fixture));
        return new DefaultLambdaJsonSerializer().Deserialize<T>(input);
    }

    private static void AssertWritesAs<T>(string fixture, T response)
    {
        var written = JsonSerializer.Serialize(response, Options);
        var difference = EventJson.FindDifference(
            JsonNode.Parse(File.ReadAllText(EventJson.PathOf(fixture))),
            JsonNode.Parse(written),
            "$");
        Assert.True(difference is null, $"{fixture}: {difference}\nwritten: {written}");
    }

    private sealed record StockLevel(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("inStock")] bool InStock);
}
