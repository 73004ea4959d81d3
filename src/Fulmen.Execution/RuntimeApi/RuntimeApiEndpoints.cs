using Fulmen.Execution.Http;
using System.Globalization;
using System.Text;
using Fulmen.Execution.Environments;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Execution.RuntimeApi;

/// <summary>The Runtime API's routes (<c>/2018-06-01/runtime/…</c>), matched by hand: four fixed shapes.</summary>
internal static class RuntimeApiEndpoints
{
    private const string Prefix = "/2018-06-01/runtime/";
    private const string AssignmentPath = "/2018-06-01/fulmen/assignment";
    private static readonly byte[] AcceptedBody = "{\"status\":\"OK\"}"u8.ToArray();

    public static Task HandleAsync(HttpContext context, IRuntimeApiTarget target)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (path == AssignmentPath && HttpMethods.IsGet(method) && target is IAssignmentSource source)
        {
            return AssignmentAsync(context, source);
        }
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return NotFoundAsync(context);
        }
        var route = path.AsSpan(Prefix.Length);
        if (route.SequenceEqual("invocation/next") && HttpMethods.IsGet(method))
        {
            return NextAsync(context, target);
        }
        if (route.SequenceEqual("init/error") && HttpMethods.IsPost(method))
        {
            return InitErrorAsync(context, target);
        }
        if (route.StartsWith("invocation/") && HttpMethods.IsPost(method))
        {
            var rest = route["invocation/".Length..];
            var slash = rest.IndexOf('/');
            if (slash > 0)
            {
                var requestId = rest[..slash].ToString();
                var action = rest[(slash + 1)..];
                if (action.SequenceEqual("response"))
                {
                    return ReplyAsync(context, target, requestId, isError: false);
                }
                if (action.SequenceEqual("error"))
                {
                    return ReplyAsync(context, target, requestId, isError: true);
                }
            }
        }
        return NotFoundAsync(context);
    }

    private static async Task NextAsync(HttpContext context, IRuntimeApiTarget target)
    {
        Invocation invocation;
        try
        {
            invocation = await target.NextAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            return;
        }
        var response = context.Response;
        var headers = response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.DeadlineMs.ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.InvokedFunctionArn;
        if (invocation.TraceId is { } trace)
        {
            headers["Lambda-Runtime-Trace-Id"] = trace;
        }
        if (invocation.ClientContext is { } clientContext)
        {
            headers["Lambda-Runtime-Client-Context"] = clientContext;
        }
        response.ContentType = "application/json";
        response.ContentLength = invocation.Payload.Length;
        await response.Body.WriteAsync(invocation.Payload, context.RequestAborted);
    }

    private static async Task AssignmentAsync(HttpContext context, IAssignmentSource source)
    {
        ReadOnlyMemory<byte> assignment;
        try
        {
            assignment = await source.AssignmentAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = assignment.Length;
        await context.Response.Body.WriteAsync(assignment, context.RequestAborted);
    }

    private static async Task ReplyAsync(HttpContext context, IRuntimeApiTarget target, string requestId, bool isError)
    {
        var body = await RequestBody.ReadAsync(context.Request.BodyReader, RuntimeApiServer.MaxResponseBytes);
        var result = body is null
            ? target.ResponseTooLarge(requestId)
            : target.Respond(requestId, body, context.Request.ContentType, isError);
        await WriteResultAsync(context, result);
    }

    private static async Task InitErrorAsync(HttpContext context, IRuntimeApiTarget target)
    {
        var body = await RequestBody.ReadAsync(context.Request.BodyReader, RuntimeApiServer.MaxResponseBytes) ?? [];
        var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        await WriteResultAsync(context, target.InitError(body, errorType.Length > 0 ? errorType : null));
    }

    private static Task WriteResultAsync(HttpContext context, RuntimeApiResult result) => result switch
    {
        RuntimeApiResult.Accepted => WriteAsync(context, StatusCodes.Status202Accepted, AcceptedBody),
        RuntimeApiResult.TooLarge => WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge",
            $"Exceeded maximum allowed payload size ({RuntimeApiServer.MaxResponseBytes} bytes)."),
        RuntimeApiResult.InvalidStateTransition => WriteErrorAsync(context, StatusCodes.Status403Forbidden, "InvalidStateTransition",
            "State transition from Ready to InitError failed for runtime. Error: State transition is not allowed"),
        _ => WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestID", "Invalid request ID"),
    };

    private static Task NotFoundAsync(HttpContext context) =>
        WriteErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "Unknown Runtime API path");

    private static Task WriteErrorAsync(HttpContext context, int status, string errorType, string message) =>
        WriteAsync(context, status, Encoding.UTF8.GetBytes($"{{\"errorMessage\":\"{message}\",\"errorType\":\"{errorType}\"}}"));

    private static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length);
    }
}
