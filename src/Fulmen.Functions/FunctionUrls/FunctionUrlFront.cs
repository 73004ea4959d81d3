using System.Text;
using Fulmen.Execution.Http;
using Fulmen.Functions.Http;
using Fulmen.Functions.Invocation;
using Fulmen.Protocols;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>
/// The HTTP front of function URLs: a request addressed to <c>{id}.lambda-url.…</c> (by Host) or to
/// <c>/_aws/lambda-url/{id}/…</c> becomes a function URL event, runs through the <see cref="Invoker"/> like every
/// invocation, and the function's answer becomes the HTTP response. The edge hands it the requests it resolved to
/// <see cref="FunctionUrlServices.Service"/>.
/// </summary>
public sealed partial class FunctionUrlFront(
    FunctionUrlIndex index, FunctionUrlAddress address, SigV4Verifier signatures, FunctionUrlOptions urlOptions, Invoker invoker,
    LambdaOptions options, TimeProvider time, ILogger<FunctionUrlFront> logger) : IAwsServiceHandler
{
    private const int MaxRequestBytes = 6 * 1024 * 1024;
    /// <summary>Who calls through a NONE URL: anyone, whom the function's policy must let in. One instance for every request.</summary>
    private static readonly InvocationCaller Public = new("*", InvocationCaller.InvokeFunctionUrl) { FunctionUrlAuthType = "NONE" };

    private const string ForbiddenNone = """{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}""";

    public AwsService Service => FunctionUrlServices.Service;

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        // A target that is not a path (CONNECT's host:port, OPTIONS *) can still address a URL by its host.
        var target = RequestTarget.Of(context);
        string urlId, path;
        if (FunctionUrlAddress.IdFromHost(context.Request.Host.Host) is { } fromHost)
        {
            (urlId, path) = (fromHost, target?.RawPath ?? "/");
        }
        else if (target is { } given && FunctionUrlAddress.IdFromPath(given.RawPath) is { } fromPath)
        {
            (urlId, path) = fromPath;
        }
        else
        {
            return false;
        }
        await ServeAsync(context, urlId, path, target?.RawQuery ?? "", target is not null);
        return true;
    }

    private async Task ServeAsync(HttpContext context, string urlId, string path, string rawQuery, bool isPath)
    {
        var ct = context.RequestAborted;
        if (await index.FindAsync(urlId, ct) is not var (entry, qualifier, config))
        {
            await WriteMessageAsync(context, StatusCodes.Status404NotFound, """{"Message":null}""");
            return;
        }
        if (!isPath || HttpMethods.IsConnect(context.Request.Method))
        {
            // CONNECT, or a target with no path: nothing at this URL answers it. Every other method, standard or not,
            // goes to the function as the client sent it (the URL is one catch-all route).
            await WriteMessageAsync(context, StatusCodes.Status404NotFound, """{"Message":null}""");
            return;
        }
        if (FunctionUrlCors.IsPreflight(context.Request, config.Cors))
        {
            FunctionUrlCors.WritePreflight(context, config.Cors!);
            return;
        }
        // A request with neither Content-Length nor chunked framing has no body: nothing to read.
        var body = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false
            ? []
            : await RequestBody.ReadAsync(context.Request.BodyReader, MaxRequestBytes);
        if (body is null)
        {
            await WriteMessageAsync(context, StatusCodes.Status413PayloadTooLarge, """{"Message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}""");
            return;
        }
        IamCaller? caller = null;
        if (config.AuthType == "AWS_IAM")
        {
            if (signatures.Verify(context.Request, urlOptions.SignatureRules, body) is not { IsValid: true, AccessKey: { } accessKey })
            {
                await WriteMessageAsync(context, StatusCodes.Status403Forbidden, """{"Message":"Forbidden"}""");
                return;
            }
            caller = new IamCaller(accessKey, options.AccountId);
        }

        var requestId = Guid.NewGuid().ToString();
        var url = new UrlRequest(urlId, address.DomainOf(urlId), path, rawQuery, body, caller, requestId);
        var payload = FunctionUrlEvent.Build(context, url, options.AccountId, time.GetUtcNow());
        // A signed caller is this account's own identity (the Lambda API's caller); a NONE URL's caller is anyone,
        // whom the function's policy must let in.
        var result = await invoker.InvokeAsync(new InvokeRequest(entry.Record.Name, payload)
        {
            Qualifier = qualifier.Length == 0 ? null : qualifier,
            RequestId = requestId,
            Caller = caller is null ? Public : null,
        }, ct);
        context.Response.Headers["x-amzn-RequestId"] = result.RequestId;
        if (result.Outcome is not { } outcome)
        {
            var error = result.Error!;
            Log.InvokeFailed(logger, urlId, entry.Record.Name, error.Type, error.Message);
            await (error.StatusCode switch
            {
                StatusCodes.Status403Forbidden => WriteMessageAsync(context, 403, ForbiddenNone),
                StatusCodes.Status429TooManyRequests => WriteMessageAsync(context, 429, """{"Message":"Rate Exceeded."}"""),
                StatusCodes.Status404NotFound => WriteMessageAsync(context, 404, """{"Message":null}"""),
                _ => WriteInternalErrorAsync(context),
            });
            return;
        }
        if (outcome.IsFunctionError || FunctionUrlResponse.Map(outcome.Payload) is not { } mapped)
        {
            Log.FunctionFailed(logger, urlId, entry.Record.Name, outcome.IsFunctionError);
            await WriteInternalErrorAsync(context);
            return;
        }
        // RESPONSE_STREAM URLs are served buffered too: the whole answer arrives before the first byte goes out.
        await FunctionUrlResponse.WriteAsync(context, mapped, config.Cors);
    }

    /// <summary>What AWS answers when the function failed or gave an answer that is not a response: 502.</summary>
    private static Task WriteInternalErrorAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("Internal Server Error", Encoding.UTF8, context.RequestAborted);
    }

    private static Task WriteMessageAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = status switch
        {
            403 => "AccessDeniedException",
            404 => "ResourceNotFoundException",
            413 => "RequestEntityTooLargeException",
            _ => "TooManyRequestsException",
        };
        return context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Function URL {UrlId} could not run {Function}: {ErrorType} {ErrorMessage}")]
        public static partial void InvokeFailed(ILogger logger, string urlId, string function, string errorType, string errorMessage);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Function URL {UrlId}: {Function} failed (function error: {FunctionError}) or answered with no valid response; 502")]
        public static partial void FunctionFailed(ILogger logger, string urlId, string function, bool functionError);
    }
}
