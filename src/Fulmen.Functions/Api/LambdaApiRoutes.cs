using Fulmen.Functions.Catalog;
using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fulmen.Functions.Api;

/// <summary>The Lambda API's paths, as AWS's model defines them.</summary>
public static class LambdaApiRoutes
{
    private static readonly Protocols.AwsService Api = LambdaService.Api;

    public static IEndpointRouteBuilder MapLambdaApi(this IEndpointRouteBuilder app)
    {
        const string Functions = "/2015-03-31/functions";
        app.MapPost(Functions, FunctionsApi.CreateAsync).WithAwsOperation(Api, "CreateFunction");
        app.MapGet(Functions, FunctionsApi.ListAsync).WithAwsOperation(Api, "ListFunctions");
        app.MapGet(Functions + "/{functionName}", FunctionsApi.GetAsync).WithAwsOperation(Api, "GetFunction");
        app.MapDelete(Functions + "/{functionName}", FunctionsApi.DeleteAsync).WithAwsOperation(Api, "DeleteFunction");
        app.MapGet(Functions + "/{functionName}/configuration", FunctionsApi.GetConfigurationAsync).WithAwsOperation(Api, "GetFunctionConfiguration");
        app.MapPut(Functions + "/{functionName}/configuration", FunctionUpdatesApi.UpdateConfigurationAsync).WithAwsOperation(Api, "UpdateFunctionConfiguration");
        app.MapPut(Functions + "/{functionName}/code", FunctionUpdatesApi.UpdateCodeAsync).WithAwsOperation(Api, "UpdateFunctionCode");
        app.MapPost(Functions + "/{functionName}/invocations", InvokeApi.InvokeAsync).WithAwsOperation(Api, "Invoke");
        app.MapPost(Functions + "/{functionName}/versions", VersionsApi.PublishAsync).WithAwsOperation(Api, "PublishVersion");
        app.MapGet(Functions + "/{functionName}/versions", VersionsApi.ListAsync).WithAwsOperation(Api, "ListVersionsByFunction");
        app.MapPost(Functions + "/{functionName}/aliases", AliasesApi.CreateAsync).WithAwsOperation(Api, "CreateAlias");
        app.MapGet(Functions + "/{functionName}/aliases", AliasesApi.ListAsync).WithAwsOperation(Api, "ListAliases");
        app.MapGet(Functions + "/{functionName}/aliases/{aliasName}", AliasesApi.GetAsync).WithAwsOperation(Api, "GetAlias");
        app.MapPut(Functions + "/{functionName}/aliases/{aliasName}", AliasesApi.UpdateAsync).WithAwsOperation(Api, "UpdateAlias");
        app.MapDelete(Functions + "/{functionName}/aliases/{aliasName}", AliasesApi.DeleteAsync).WithAwsOperation(Api, "DeleteAlias");
        app.MapPost("/2014-11-13/functions/{functionName}/invoke-async", InvokeApi.InvokeAsyncLegacyAsync).WithAwsOperation(Api, "InvokeAsync");
        app.MapPost(Functions + "/{functionName}/policy", PermissionsApi.AddAsync).WithAwsOperation(Api, "AddPermission");
        app.MapGet(Functions + "/{functionName}/policy", PermissionsApi.GetAsync).WithAwsOperation(Api, "GetPolicy");
        app.MapDelete(Functions + "/{functionName}/policy/{statementId}", PermissionsApi.RemoveAsync).WithAwsOperation(Api, "RemovePermission");

        const string Mappings = "/2015-03-31/event-source-mappings";
        app.MapPost(Mappings, EventSourceMappingsApi.CreateAsync).WithAwsOperation(Api, "CreateEventSourceMapping");
        app.MapGet(Mappings, EventSourceMappingsApi.ListAsync).WithAwsOperation(Api, "ListEventSourceMappings");
        app.MapGet(Mappings + "/{uuid}", EventSourceMappingsApi.GetAsync).WithAwsOperation(Api, "GetEventSourceMapping");
        app.MapPut(Mappings + "/{uuid}", EventSourceMappingsApi.UpdateAsync).WithAwsOperation(Api, "UpdateEventSourceMapping");
        app.MapDelete(Mappings + "/{uuid}", EventSourceMappingsApi.DeleteAsync).WithAwsOperation(Api, "DeleteEventSourceMapping");

        app.MapPost("/2017-03-31/tags/{resource}", TagsApi.TagAsync).WithAwsOperation(Api, "TagResource");
        app.MapDelete("/2017-03-31/tags/{resource}", TagsApi.UntagAsync).WithAwsOperation(Api, "UntagResource");
        app.MapGet("/2017-03-31/tags/{resource}", TagsApi.ListAsync).WithAwsOperation(Api, "ListTags");

        app.MapPut("/2017-10-31/functions/{functionName}/concurrency", ConcurrencyApi.PutAsync).WithAwsOperation(Api, "PutFunctionConcurrency");
        app.MapDelete("/2017-10-31/functions/{functionName}/concurrency", ConcurrencyApi.DeleteAsync).WithAwsOperation(Api, "DeleteFunctionConcurrency");
        app.MapGet("/2019-09-30/functions/{functionName}/concurrency", ConcurrencyApi.GetAsync).WithAwsOperation(Api, "GetFunctionConcurrency");
        app.MapGet("/2016-08-19/account-settings", ConcurrencyApi.AccountSettingsAsync).WithAwsOperation(Api, "GetAccountSettings");

        const string EventInvokeConfig = "/2019-09-25/functions/{functionName}/event-invoke-config";
        app.MapPut(EventInvokeConfig, EventInvokeConfigApi.PutAsync).WithAwsOperation(Api, "PutFunctionEventInvokeConfig");
        app.MapPost(EventInvokeConfig, EventInvokeConfigApi.UpdateAsync).WithAwsOperation(Api, "UpdateFunctionEventInvokeConfig");
        app.MapGet(EventInvokeConfig, EventInvokeConfigApi.GetAsync).WithAwsOperation(Api, "GetFunctionEventInvokeConfig");
        app.MapDelete(EventInvokeConfig, EventInvokeConfigApi.DeleteAsync).WithAwsOperation(Api, "DeleteFunctionEventInvokeConfig");
        app.MapGet(EventInvokeConfig + "/list", EventInvokeConfigApi.ListAsync).WithAwsOperation(Api, "ListFunctionEventInvokeConfigs");

        const string FunctionUrl = "/2021-10-31/functions/{functionName}/url";
        app.MapPost(FunctionUrl, FunctionUrlConfigApi.CreateAsync).WithAwsOperation(Api, "CreateFunctionUrlConfig");
        app.MapGet(FunctionUrl, FunctionUrlConfigApi.GetAsync).WithAwsOperation(Api, "GetFunctionUrlConfig");
        app.MapPut(FunctionUrl, FunctionUrlConfigApi.UpdateAsync).WithAwsOperation(Api, "UpdateFunctionUrlConfig");
        app.MapDelete(FunctionUrl, FunctionUrlConfigApi.DeleteAsync).WithAwsOperation(Api, "DeleteFunctionUrlConfig");
        app.MapGet("/2021-10-31/functions/{functionName}/urls", FunctionUrlConfigApi.ListAsync).WithAwsOperation(Api, "ListFunctionUrlConfigs");

        app.MapProvisionedConcurrencyApi();

        app.MapGet("/_fulmen/code/{functionName}", DownloadCodeAsync);
        return app;
    }

    /// <summary>Where GetFunction's <c>Code.Location</c> points: the zip as uploaded.</summary>
    private static async Task DownloadCodeAsync(HttpContext context, string functionName, FunctionCatalog catalog)
    {
        var entry = await catalog.FindAsync(functionName, context.RequestAborted)
            ?? throw new LambdaApiException(LambdaError.FunctionNotFound(catalog.Options.FunctionArn(functionName)));
        await using var zip = await catalog.Code.OpenZipAsync(entry.Record.CodeSha256, context.RequestAborted)
            ?? throw new LambdaApiException(new LambdaError(500, "ServiceException", $"The code of function {functionName} is missing from the data directory."));
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = zip.Length;
        await zip.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
