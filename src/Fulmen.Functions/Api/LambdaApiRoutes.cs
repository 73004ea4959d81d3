using Fulmen.Functions.Catalog;
using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fulmen.Functions.Api;

/// <summary>The Lambda API's paths, as AWS's model defines them.</summary>
public static class LambdaApiRoutes
{
    public static IEndpointRouteBuilder MapLambdaApi(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapAwsService(LambdaService.Api, LambdaOperations.Names);
        const string Functions = "/2015-03-31/functions";
        app.MapPost(Functions, FunctionsApi.CreateAsync);
        app.MapGet(Functions, FunctionsApi.ListAsync);
        app.MapGet(Functions + "/{functionName}", FunctionsApi.GetAsync);
        app.MapDelete(Functions + "/{functionName}", FunctionsApi.DeleteAsync);
        app.MapGet(Functions + "/{functionName}/configuration", FunctionsApi.GetConfigurationAsync);
        app.MapPut(Functions + "/{functionName}/configuration", FunctionUpdatesApi.UpdateConfigurationAsync);
        app.MapPut(Functions + "/{functionName}/code", FunctionUpdatesApi.UpdateCodeAsync);
        app.MapPost(Functions + "/{functionName}/invocations", InvokeApi.InvokeAsync);
        app.MapPost(Functions + "/{functionName}/versions", VersionsApi.PublishAsync);
        app.MapGet(Functions + "/{functionName}/versions", VersionsApi.ListAsync);
        app.MapPost(Functions + "/{functionName}/aliases", AliasesApi.CreateAsync);
        app.MapGet(Functions + "/{functionName}/aliases", AliasesApi.ListAsync);
        app.MapGet(Functions + "/{functionName}/aliases/{aliasName}", AliasesApi.GetAsync);
        app.MapPut(Functions + "/{functionName}/aliases/{aliasName}", AliasesApi.UpdateAsync);
        app.MapDelete(Functions + "/{functionName}/aliases/{aliasName}", AliasesApi.DeleteAsync);
        app.MapPost("/2014-11-13/functions/{functionName}/invoke-async", InvokeApi.InvokeAsyncLegacyAsync);
        app.MapPost(Functions + "/{functionName}/policy", PermissionsApi.AddAsync);
        app.MapGet(Functions + "/{functionName}/policy", PermissionsApi.GetAsync);
        app.MapDelete(Functions + "/{functionName}/policy/{statementId}", PermissionsApi.RemoveAsync);

        app.MapPost("/2017-03-31/tags/{resource}", TagsApi.TagAsync);
        app.MapDelete("/2017-03-31/tags/{resource}", TagsApi.UntagAsync);
        app.MapGet("/2017-03-31/tags/{resource}", TagsApi.ListAsync);

        app.MapPut("/2017-10-31/functions/{functionName}/concurrency", ConcurrencyApi.PutAsync);
        app.MapDelete("/2017-10-31/functions/{functionName}/concurrency", ConcurrencyApi.DeleteAsync);
        app.MapGet("/2019-09-30/functions/{functionName}/concurrency", ConcurrencyApi.GetAsync);
        app.MapGet("/2016-08-19/account-settings", ConcurrencyApi.AccountSettingsAsync);

        const string EventInvokeConfig = "/2019-09-25/functions/{functionName}/event-invoke-config";
        app.MapPut(EventInvokeConfig, EventInvokeConfigApi.PutAsync);
        app.MapPost(EventInvokeConfig, EventInvokeConfigApi.UpdateAsync);
        app.MapGet(EventInvokeConfig, EventInvokeConfigApi.GetAsync);
        app.MapDelete(EventInvokeConfig, EventInvokeConfigApi.DeleteAsync);
        app.MapGet(EventInvokeConfig + "/list", EventInvokeConfigApi.ListAsync);

        const string FunctionUrl = "/2021-10-31/functions/{functionName}/url";
        app.MapPost(FunctionUrl, FunctionUrlConfigApi.CreateAsync);
        app.MapGet(FunctionUrl, FunctionUrlConfigApi.GetAsync);
        app.MapPut(FunctionUrl, FunctionUrlConfigApi.UpdateAsync);
        app.MapDelete(FunctionUrl, FunctionUrlConfigApi.DeleteAsync);
        app.MapGet("/2021-10-31/functions/{functionName}/urls", FunctionUrlConfigApi.ListAsync);

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
