using System.Text;
using System.Text.RegularExpressions;
using Fulmen.ApiGateway.ExecuteApi;
using Fulmen.Execution.Http;
using Fulmen.Functions;
using Fulmen.Functions.Http;
using Fulmen.Functions.Invocation;
using Fulmen.Protocols.Arns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>
/// Serves a REST API's deployed stages: <c>/{stage}/{path}</c> is matched against the tree the stage's deployment
/// froze, the Lambda proxy event (payload 1.0) goes through the <see cref="Invoker"/> as <c>apigateway.amazonaws.com</c>
/// with the method's execute-api ARN as source, and the function's answer becomes the HTTP response.
/// </summary>
public sealed partial class RestApiHandler(RestApiStore store, Invoker invoker, LambdaOptions options, AwsAccount account, TimeProvider time, ILogger<RestApiHandler> logger)
    : IExecuteApiHandler
{
    private const string InternalError = """{"message": "Internal server error"}""";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, string apiId, string path)
    {
        if (await store.FindAsync(apiId, context.RequestAborted) is not { } document)
        {
            return false;
        }
        await ServeAsync(context, document, path);
        return true;
    }

    private async Task ServeAsync(HttpContext context, RestApiDocument document, string rawPath)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var rawQuery = ExecuteApiIntegration.RawQuery(context);
        var query = rawPath.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            rawPath = rawPath[..query];
        }

        var trimmed = rawPath.TrimStart('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var stageName = Uri.UnescapeDataString(slash < 0 ? trimmed : trimmed[..slash]);
        var resourcePath = slash < 0 ? "/" : trimmed[slash..];
        var stage = document.Stages.Find(s => s.StageName == stageName);
        var method = context.Request.Method;
        // Methods are matched as sent (a lower-case "get" is not GET; TRACE or PROPFIND reach only ANY); a CONNECT or a
        // target with no path matches no method at all.
        if (stage is null || !RequestTarget.IsForwardable(context) || !document.Snapshots.TryGetValue(stage.DeploymentId, out var resources)
            || RestApiRouter.Match(resources, resourcePath, method) is not { } match)
        {
            await WriteAsync(context, 403, "MissingAuthenticationTokenException", """{"message":"Missing Authentication Token"}""");
            return;
        }
        var integration = match.Method.MethodIntegration;
        if (integration is not { Type: "AWS_PROXY" } || FunctionArn(integration.Uri, stage.Variables) is not { } functionArn)
        {
            // Only Lambda proxy integrations are served; anything else is an integration API Gateway could not call.
            Log.UnsupportedIntegration(logger, document.Api.Id, match.Resource.Path, method, integration?.Type ?? "none");
            await WriteAsync(context, 500, "InternalServerErrorException", InternalError);
            return;
        }
        var body = await RequestBody.ReadAsync(context.Request.BodyReader, ExecuteApiIntegration.MaxRequestBytes);
        if (body is null)
        {
            await WriteAsync(context, 413, "RequestEntityTooLargeException", """{"message":"Request Too Long"}""");
            return;
        }

        var apiId = document.Api.Id;
        var host = context.Request.Host.Host;
        var info = new RestApiRequestInfo(
            apiId, stageName, stage.DeploymentId, Uri.UnescapeDataString(resourcePath), rawQuery, match, stage.Variables, body,
            BinaryMediaTypes.Matches(document.Api.BinaryMediaTypes, context.Request.ContentType), requestId,
            host.StartsWith(apiId + ".", StringComparison.OrdinalIgnoreCase) ? host : ExecuteApiAddress.DomainOf(apiId), options.AccountId);
        var payload = RestApiEvent.Build(context, info, time.GetUtcNow());
        var sourceArn = account.Arn("execute-api", $"{apiId}/{stageName}/{method}/{match.Resource.Path.TrimStart('/')}").ToString();
        var result = await ExecuteApiIntegration.InvokeAsync(invoker, functionArn, payload, sourceArn, options.AccountId, requestId, context.RequestAborted);
        if (result.Outcome is not { } outcome)
        {
            var error = result.Error!;
            Log.InvokeFailed(logger, apiId, functionArn, error.Type, error.Message);
            await WriteAsync(context, 500, "InternalServerErrorException", InternalError);
            return;
        }
        if (outcome.IsFunctionError || RestApiResponse.Map(outcome.Payload) is not { } mapped)
        {
            Log.MalformedResponse(logger, apiId, functionArn, outcome.IsFunctionError);
            await WriteAsync(context, 502, "InternalServerErrorException", InternalError);
            return;
        }
        await RestApiResponse.WriteAsync(context, mapped);
    }

    /// <summary>The function ARN inside a Lambda integration URI, with <c>${stageVariables.name}</c> filled in.</summary>
    internal static string? FunctionArn(string? uri, IReadOnlyDictionary<string, string>? variables)
    {
        if (uri is null || LambdaUri().Match(uri) is not { Success: true } found)
        {
            return null;
        }
        return StageVariable().Replace(found.Groups[1].Value, m => variables?.GetValueOrDefault(m.Groups[1].Value) ?? "");
    }

    private static Task WriteAsync(HttpContext context, int status, string errorType, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = errorType;
        return context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted);
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/[0-9-]+/functions/(.+)/invocations$")]
    private static partial Regex LambdaUri();

    [GeneratedRegex(@"\$\{stageVariables\.([A-Za-z0-9_.:/-]+)\}")]
    private static partial Regex StageVariable();

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "REST API {ApiId} could not invoke {Function}: {ErrorType} {ErrorMessage}")]
        public static partial void InvokeFailed(ILogger logger, string apiId, string function, string errorType, string errorMessage);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "REST API {ApiId}: {Function} failed (function error: {FunctionError}) or gave a malformed Lambda proxy response; 502")]
        public static partial void MalformedResponse(ILogger logger, string apiId, string function, bool functionError);

        [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "REST API {ApiId}: {Method} {Resource} has integration {Type}; only AWS_PROXY to Lambda is served")]
        public static partial void UnsupportedIntegration(ILogger logger, string apiId, string resource, string method, string type);
    }
}
