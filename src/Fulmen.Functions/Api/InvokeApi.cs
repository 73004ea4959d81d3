using Fulmen.Execution.Http;
using System.Text;
using System.Text.Json;
using Fulmen.Functions.Invocation;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>Invoke (<c>POST /2015-03-31/functions/{name}/invocations</c>): the hot path, errors as values.</summary>
internal static class InvokeApi
{
    public const int MaxSyncPayloadBytes = 6 * 1024 * 1024;
    public const int MaxAsyncPayloadBytes = 1024 * 1024;
    public const int MaxLegacyAsyncPayloadBytes = 256 * 1024;
    private static readonly byte[] EmptyEvent = "{}"u8.ToArray();

    public static async Task InvokeAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var request = context.Request;
        var invocationType = request.Headers["X-Amz-Invocation-Type"].ToString();
        if (invocationType is not ("" or "RequestResponse" or "Event" or "DryRun"))
        {
            await LambdaErrorWriter.WriteAsync(context, LambdaError.Validation(
                $"Value '{invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"));
            return;
        }
        var isEvent = invocationType == "Event";
        var payload = await RequestBody.ReadAsync(request.BodyReader, isEvent ? MaxAsyncPayloadBytes : MaxSyncPayloadBytes);
        if (payload is null)
        {
            await LambdaErrorWriter.WriteAsync(context, isEvent
                ? new LambdaError(413, "RequestEntityTooLargeException",
                    $"{request.ContentLength ?? MaxAsyncPayloadBytes + 1} byte payload is too large for the Event invocation type (limit {MaxAsyncPayloadBytes} bytes)")
                : new LambdaError(413, "RequestEntityTooLargeException",
                    $"Request must be smaller than {MaxSyncPayloadBytes} bytes for the InvokeFunction operation"));
            return;
        }
        if (payload.Length == 0)
        {
            payload = EmptyEvent;
        }
        else if (JsonProblem(payload) is { } problem)
        {
            await LambdaErrorWriter.WriteAsync(context, new LambdaError(400, "InvalidRequestContentException",
                $"Could not parse request body into json: Could not parse payload into json: {problem}"));
            return;
        }

        var qualifier = request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;
        if (invocationType == "DryRun")
        {
            var (entry, error) = await invoker.ResolveAsync(functionName, qualifier, context.RequestAborted);
            if (entry is null)
            {
                await LambdaErrorWriter.WriteAsync(context, error!);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (isEvent)
        {
            // 202 only once the event is on disk; the dispatcher runs it (and retries it) from there.
            var (requestId, enqueueError) = await invoker.EnqueueAsync(new InvokeRequest(functionName, payload) { Qualifier = qualifier }, context.RequestAborted);
            context.Response.Headers["x-amzn-RequestId"] = requestId;
            if (enqueueError is not null)
            {
                await LambdaErrorWriter.WriteAsync(context, enqueueError);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var result = await invoker.InvokeAsync(new InvokeRequest(functionName, payload)
        {
            Qualifier = qualifier,
            ClientContext = DecodeClientContext(request.Headers["X-Amz-Client-Context"].ToString()),
            WantsLogTail = request.Headers["X-Amz-Log-Type"].ToString() == "Tail",
        }, context.RequestAborted);

        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = result.RequestId;
        if (result.Outcome is not { } outcome)
        {
            await LambdaErrorWriter.WriteAsync(context, result.Error!);
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers["X-Amz-Executed-Version"] = outcome.ExecutedVersion;
        if (outcome.IsFunctionError)
        {
            response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }
        if (outcome.LogTail is { } tail)
        {
            response.Headers["X-Amz-Log-Result"] = tail;
        }
        response.ContentType = outcome.ContentType;
        response.ContentLength = outcome.Payload.Length;
        await response.Body.WriteAsync(outcome.Payload, context.RequestAborted);
    }

    /// <summary>
    /// InvokeAsync (<c>POST /2014-11-13/functions/{name}/invoke-async</c>), deprecated on AWS but still used by
    /// old clients: queues the event like an Event invoke, with the old 256 KB limit, and answers <c>{"Status":202}</c>.
    /// </summary>
    public static async Task InvokeAsyncLegacyAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var payload = await RequestBody.ReadAsync(context.Request.BodyReader, MaxLegacyAsyncPayloadBytes);
        if (payload is null)
        {
            await LambdaErrorWriter.WriteAsync(context, new LambdaError(413, "RequestEntityTooLargeException",
                $"{context.Request.ContentLength ?? MaxLegacyAsyncPayloadBytes + 1} byte payload is too large for the Event invocation type (limit {MaxLegacyAsyncPayloadBytes} bytes)"));
            return;
        }
        if (payload.Length > 0 && JsonProblem(payload) is { } problem)
        {
            await LambdaErrorWriter.WriteAsync(context, new LambdaError(400, "InvalidRequestContentException",
                $"Could not parse request body into json: Could not parse payload into json: {problem}"));
            return;
        }
        var (requestId, error) = await invoker.EnqueueAsync(new InvokeRequest(functionName, payload.Length == 0 ? EmptyEvent : payload), context.RequestAborted);
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        if (error is not null)
        {
            await LambdaErrorWriter.WriteAsync(context, error);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"Status":202}""", context.RequestAborted);
    }

    /// <summary>Null when the payload is valid JSON, else the parser's complaint.</summary>
    private static string? JsonProblem(byte[] payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    private static string? DecodeClientContext(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
