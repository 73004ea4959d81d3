namespace Fulmen.ApiGateway.HttpApis;

/// <summary>The apigatewayv2 operation of each control-plane route (<see cref="HttpApiServices.MapHttpApis"/>).</summary>
public static class HttpApiOperations
{
    private const string Api = "/v2/apis/{apiId}";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST /v2/apis"] = "CreateApi",
        ["GET /v2/apis"] = "GetApis",
        ["GET " + Api] = "GetApi",
        ["DELETE " + Api] = "DeleteApi",
        ["POST " + Api + "/integrations"] = "CreateIntegration",
        ["GET " + Api + "/integrations"] = "GetIntegrations",
        ["GET " + Api + "/integrations/{id}"] = "GetIntegration",
        ["DELETE " + Api + "/integrations/{id}"] = "DeleteIntegration",
        ["POST " + Api + "/routes"] = "CreateRoute",
        ["GET " + Api + "/routes"] = "GetRoutes",
        ["GET " + Api + "/routes/{id}"] = "GetRoute",
        ["DELETE " + Api + "/routes/{id}"] = "DeleteRoute",
        ["POST " + Api + "/stages"] = "CreateStage",
        ["GET " + Api + "/stages"] = "GetStages",
        ["GET " + Api + "/stages/{name}"] = "GetStage",
        ["DELETE " + Api + "/stages/{name}"] = "DeleteStage",
    };
}
