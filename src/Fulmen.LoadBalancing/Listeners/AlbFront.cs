using System.Text;
using Fulmen.Execution.Http;
using Fulmen.Functions;
using Fulmen.Functions.Http;
using Fulmen.Functions.Invocation;
using Fulmen.LoadBalancing.Elbv2;
using Fulmen.LoadBalancing.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Fulmen.LoadBalancing.Listeners;

/// <summary>
/// What a listener does with a request: forward it as an ALB event to the target group's function through the
/// <see cref="Invoker"/> (principal <c>elasticloadbalancing.amazonaws.com</c>, source ARN the target group), and
/// answer with the function's response, or with the ALB's own HTML error pages when that is not possible.
/// </summary>
public sealed partial class AlbFront(LoadBalancingState state, Invoker invoker, LambdaOptions options, TimeProvider time, ILogger<AlbFront> logger)
{
    /// <summary>AWS limits the request body sent to a Lambda target to 1 MB.</summary>
    private const int MaxRequestBytes = 1024 * 1024;

    /// <summary>Elastic Load Balancing answers a method longer than this with 405.</summary>
    private const int MaxMethodLength = 127;

    /// <summary>
    /// Answers one request. A listener has no edge around it, so an unforeseen failure is caught here: the ALB's own
    /// 500 page (logged with its stack), never the server's empty 500.
    /// </summary>
    public async Task HandleAsync(HttpContext context, string listenerArn, int port)
    {
        try
        {
            await ServeAsync(context, listenerArn, port);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // The client's framing, found while reading the body (a chunk size that is not hex): the ALB's 400.
            context.Response.Clear();
            await WriteErrorAsync(context, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400,
                e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request Entity Too Large" : "Bad Request");
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            Log.Unexpected(logger, e, context.Request.Method, listenerArn);
            context.Response.Clear();
            await WriteErrorAsync(context, 500, "Internal Server Error");
        }
    }

    private async Task ServeAsync(HttpContext context, string listenerArn, int port)
    {
        var ct = context.RequestAborted;
        // The load balancer's own refusals, before any target is chosen: it forwards every other method, standard or
        // not (PROPFIND, a lower-case "get"), as it was sent.
        var method = context.Request.Method;
        if (HttpMethods.IsTrace(method) || method.Length > MaxMethodLength)
        {
            await WriteErrorAsync(context, 405, "Method Not Allowed");
            return;
        }
        if (HttpMethods.IsConnect(method) || RequestTarget.Of(context) is not (var rawPath, var rawQuery))
        {
            await WriteErrorAsync(context, 400, "Bad Request");
            return;
        }
        if (state.Listener(listenerArn) is not { } listener || state.TargetGroup(listener.TargetGroupArn) is not { } group)
        {
            await WriteErrorAsync(context, 503, "Service Temporarily Unavailable");
            return;
        }
        if (group.Targets is not [var target])
        {
            await WriteErrorAsync(context, 503, "Service Temporarily Unavailable");
            return;
        }
        var body = await RequestBody.ReadAsync(context.Request.BodyReader, MaxRequestBytes);
        if (body is null)
        {
            await WriteErrorAsync(context, 413, "Request Entity Too Large");
            return;
        }
        var payload = AlbEvent.Build(context, group.Arn, group.MultiValueHeaders, rawPath, rawQuery, body, port, time.GetUtcNow().ToUnixTimeSeconds());

        var result = await invoker.InvokeAsync(new InvokeRequest(target, payload)
        {
            Caller = new InvocationCaller(ElbApi.Principal, InvocationCaller.InvokeFunction) { SourceArn = group.Arn, SourceAccount = options.AccountId },
        }, ct);
        if (result.Outcome is not { } outcome)
        {
            Log.InvokeFailed(logger, group.Arn, target, result.Error!.Type, result.Error.Message);
            await WriteErrorAsync(context, 502, "Bad Gateway");
            return;
        }
        if (outcome.IsFunctionError || AlbResponse.Map(outcome.Payload, group.MultiValueHeaders) is not { } mapped)
        {
            Log.FunctionFailed(logger, group.Arn, target, outcome.IsFunctionError);
            await WriteErrorAsync(context, 502, "Bad Gateway");
            return;
        }
        await WriteAsync(context, mapped);
    }

    private static async Task WriteAsync(HttpContext context, AlbResponse.Mapped mapped)
    {
        var response = context.Response;
        response.StatusCode = mapped.StatusCode;
        if (mapped.StatusDescription is { } description && description.IndexOf(' ', StringComparison.Ordinal) is var space and > 0
            && System.Text.Ascii.IsValid(description))
        {
            // "200 OK": the reason phrase is what follows the code. The status line is ASCII; a description beyond it
            // keeps the standard phrase rather than going out with its letters replaced.
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = description[(space + 1)..];
        }
        ResponseParts.CopyHeaders(response, mapped.Headers);
        response.Headers.Server = "awselb/2.0";
        await ResponseParts.WriteBodyAsync(context, mapped.Body);
    }

    /// <summary>The load balancer's own error page, as an ALB serves it (function failed, no target, TRACE, …).</summary>
    private static Task WriteErrorAsync(HttpContext context, int status, string reason)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html";
        response.Headers.Server = "awselb/2.0";
        var page = $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n</body>\r\n</html>\r\n";
        return response.WriteAsync(page, Encoding.UTF8, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Target group {TargetGroup} could not invoke {Function}: {ErrorType} {ErrorMessage}; 502")]
        public static partial void InvokeFailed(ILogger logger, string targetGroup, string function, string errorType, string errorMessage);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Target group {TargetGroup}: {Function} failed (function error: {FunctionError}) or answered with no valid response; 502")]
        public static partial void FunctionFailed(ILogger logger, string targetGroup, string function, bool functionError);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Unexpected failure answering {Method} on listener {ListenerArn}; 500")]
        public static partial void Unexpected(ILogger logger, Exception exception, string method, string listenerArn);
    }
}
