namespace Fulmen.Functions.Api;

/// <summary>The AWS operation name of each Lambda API route (<see cref="LambdaApiRoutes"/>), as the edge reports it.</summary>
public static class LambdaOperations
{
    private const string Functions = "/2015-03-31/functions";
    private const string EventInvokeConfig = "/2019-09-25/functions/{functionName}/event-invoke-config";
    private const string FunctionUrl = "/2021-10-31/functions/{functionName}/url";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST " + Functions] = "CreateFunction",
        ["GET " + Functions] = "ListFunctions",
        ["GET " + Functions + "/{functionName}"] = "GetFunction",
        ["DELETE " + Functions + "/{functionName}"] = "DeleteFunction",
        ["GET " + Functions + "/{functionName}/configuration"] = "GetFunctionConfiguration",
        ["PUT " + Functions + "/{functionName}/configuration"] = "UpdateFunctionConfiguration",
        ["PUT " + Functions + "/{functionName}/code"] = "UpdateFunctionCode",
        ["POST " + Functions + "/{functionName}/invocations"] = "Invoke",
        ["POST /2014-11-13/functions/{functionName}/invoke-async"] = "InvokeAsync",
        ["POST " + Functions + "/{functionName}/policy"] = "AddPermission",
        ["GET " + Functions + "/{functionName}/policy"] = "GetPolicy",
        ["DELETE " + Functions + "/{functionName}/policy/{statementId}"] = "RemovePermission",
        ["POST /2017-03-31/tags/{resource}"] = "TagResource",
        ["DELETE /2017-03-31/tags/{resource}"] = "UntagResource",
        ["GET /2017-03-31/tags/{resource}"] = "ListTags",
        ["PUT /2017-10-31/functions/{functionName}/concurrency"] = "PutFunctionConcurrency",
        ["DELETE /2017-10-31/functions/{functionName}/concurrency"] = "DeleteFunctionConcurrency",
        ["GET /2019-09-30/functions/{functionName}/concurrency"] = "GetFunctionConcurrency",
        ["GET /2016-08-19/account-settings"] = "GetAccountSettings",
        ["PUT " + EventInvokeConfig] = "PutFunctionEventInvokeConfig",
        ["POST " + EventInvokeConfig] = "UpdateFunctionEventInvokeConfig",
        ["GET " + EventInvokeConfig] = "GetFunctionEventInvokeConfig",
        ["DELETE " + EventInvokeConfig] = "DeleteFunctionEventInvokeConfig",
        ["GET " + EventInvokeConfig + "/list"] = "ListFunctionEventInvokeConfigs",
        ["POST " + FunctionUrl] = "CreateFunctionUrlConfig",
        ["GET " + FunctionUrl] = "GetFunctionUrlConfig",
        ["PUT " + FunctionUrl] = "UpdateFunctionUrlConfig",
        ["DELETE " + FunctionUrl] = "DeleteFunctionUrlConfig",
        ["GET /2021-10-31/functions/{functionName}/urls"] = "ListFunctionUrlConfigs",
    };
}
