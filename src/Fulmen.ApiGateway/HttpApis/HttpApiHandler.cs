using System.Text;
using Fulmen.ApiGateway.ExecuteApi;
using Fulmen.Execution.Http;
using Fulmen.Functions;
using Fulmen.Functions.Http;
using Fulmen.Functions.Invocation;
using Fulmen.Protocols.Arns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// Serves HTTP APIs at their execute-api addresses: picks the stage (a named stage by the first path segment, else
/// <c>$default</c>), the route (<see cref="RouteMatcher"/>) and its integration, invokes the function through the
/// <see cref="Invoker"/> as <c>apigateway.amazonaws.com</c> with the route's execute-api ARN as source, and maps the
/// answer back. Every failure after routing is HTTP APIs' 500 <c>{"message":"Internal Server Error"}</c>. Any method
/// reaches <c>ANY</c> routes and <c>$default</c> as the client sent it (TRACE, PROPFIND, a lower-case <c>get</c>);
/// a CONNECT or a target with no path matches no route.
/// </summary>
public sealed partial class HttpApiHandler(HttpApiRepository repository, Invoker invoker, LambdaOptions options, AwsAccount account, TimeProvider time, ILogger<HttpApiHandler> logger)
    : IExecuteApiHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, string apiId, string path)
    {
        var ct = context.RequestAborted;
        if (await repository.FindAsync(apiId, ct) is not { } api)
        {
            return false;
        }
        var requestId = NewRequestId();
        context.Response.Headers["apigw-requestid"] = requestId;
        if (!RequestTarget.IsForwardable(context) || SelectStage(api, path) is not var (stage, routePath))
        {
            await WriteMessageAsync(context, StatusCodes.Status404NotFound, "Not Found");
            return true;
        }
        if (RouteMatcher.Match(api.Routes, context.Request.Method, routePath) is not { } match)
        {
            await WriteMessageAsync(context, StatusCodes.Status404NotFound, "Not Found");
            return true;
        }
        var integration = api.Integrations.Find(i => $"integrations/{i.IntegrationId}" == match.Route.Target);
        if (integration is null || integration.IntegrationType != "AWS_PROXY" || LambdaTarget.FunctionOf(integration.IntegrationUri) is not { } function)
        {
            Log.NoIntegration(logger, apiId, match.Route.RouteKey);
            await WriteMessageAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error");
            return true;
        }
        var body = await RequestBody.ReadAsync(context.Request.BodyReader, ExecuteApiIntegration.MaxRequestBytes);
        if (body is null)
        {
            await WriteMessageAsync(context, StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large");
            return true;
        }

        var rawQuery = ExecuteApiIntegration.RawQuery(context);
        var proxy = new ProxyRequest(
            apiId, ExecuteApiAddress.DomainOf(apiId), stage.StageName, match.Route.RouteKey,
            match.Key.IsDefault ? RouteKey.Default : match.Key.Path, match.Route.RouteId, path, rawQuery,
            match.PathParameters, stage.StageVariables, body, requestId);
        var now = time.GetUtcNow();
        var payload = integration.PayloadFormatVersion == "1.0"
            ? HttpApiEventV1.Build(context, proxy, options.AccountId, now)
            : HttpApiEventV2.Build(context, proxy, options.AccountId, now);
        var result = await ExecuteApiIntegration.InvokeAsync(
            invoker, function, payload, SourceArn(apiId, stage.StageName, context.Request.Method, match.Key), options.AccountId, requestId: null, ct);
        if (result.Outcome is not { } outcome)
        {
            Log.InvokeFailed(logger, apiId, match.Route.RouteKey, function, result.Error!.Type, result.Error.Message);
            await WriteMessageAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error");
            return true;
        }
        if (outcome.IsFunctionError || ProxyResponse.Map(integration.PayloadFormatVersion, outcome.Payload) is not { } mapped)
        {
            Log.BadAnswer(logger, apiId, match.Route.RouteKey, function, outcome.IsFunctionError);
            await WriteMessageAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error");
            return true;
        }
        await ProxyResponse.WriteAsync(context, mapped);
        return true;
    }

    /// <summary>
    /// <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>, the path without its leading
    /// slash (<c>…/$default/GET/items/{id}</c>); the <c>$default</c> route is <c>…/{stage}/$default</c>.
    /// </summary>
    public string SourceArn(string apiId, string stage, string method, RouteKey route) =>
        account.Arn("execute-api", $"{apiId}/{stage}/" + (route.IsDefault ? RouteKey.Default : $"{method}{route.Path}")).ToString();

    private static (HttpStage Stage, string RoutePath)? SelectStage(HttpApi api, string path)
    {
        var end = path.IndexOf('/', 1);
        var first = end < 0 ? path[1..] : path[1..end];
        if (first.Length > 0 && first != RouteKey.Default && api.Stages.Find(s => s.StageName == Uri.UnescapeDataString(first)) is { } named)
        {
            return (named, end < 0 ? "/" : path[end..]);
        }
        return api.Stages.Find(s => s.StageName == RouteKey.Default) is { } byDefault ? (byDefault, path) : null;
    }

    /// <summary>Like AWS's: 16 characters of base64, e.g. <c>Zt3vQiXKDoEEMxw=</c>.</summary>
    private static string NewRequestId()
    {
        Span<byte> random = stackalloc byte[10];
        Random.Shared.NextBytes(random);
        return Convert.ToBase64String(random).Replace('+', 'x').Replace('/', 'y');
    }

    private static Task WriteMessageAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($$"""{"message":"{{message}}"}""", Encoding.UTF8, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "HTTP API {ApiId} route {RouteKey} could not run {Function}: {ErrorType} {ErrorMessage}")]
        public static partial void InvokeFailed(ILogger logger, string apiId, string routeKey, string function, string errorType, string errorMessage);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "HTTP API {ApiId} route {RouteKey}: {Function} failed (function error: {FunctionError}) or gave no valid response; 500")]
        public static partial void BadAnswer(ILogger logger, string apiId, string routeKey, string function, bool functionError);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "HTTP API {ApiId} route {RouteKey} has no Lambda proxy integration; 500")]
        public static partial void NoIntegration(ILogger logger, string apiId, string routeKey);
    }
}
