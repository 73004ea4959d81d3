using Fulmen.Protocols.Errors;
using Fulmen.Protocols.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// The first stop of every edge request: resolve the service and operation, keep them as <see cref="EdgeTarget"/>,
/// and answer every failure after it in that service's envelope (<see cref="AwsErrorException"/>, translated
/// exceptions, unreadable bodies, and requests no route took).
/// </summary>
internal sealed partial class AwsEdgeMiddleware(RequestDelegate next, EdgeResolver resolver, IEnumerable<AwsExceptionTranslation> translations,
    ILogger<AwsEdgeMiddleware> logger)
{
    private readonly AwsExceptionTranslation[] _translations = [.. translations];

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            var target = resolver.Resolve(context.Request);
            if (target is null && IsUnsignedQuery(context.Request))
            {
                // The query protocol may put Action in the body; the form is kept on the request for the dispatcher.
                var form = await QueryForm.ReadAsync(context.Request);
                target = resolver.Resolve(context.Request, form["Action"].ToString());
            }
            if (target is not null)
            {
                context.Features.Set(target);
            }
            await next(context);
            if (!context.Response.HasStarted && IsUnrouted(context))
            {
                await AwsErrorWriter.WriteAsync(context, UnknownRequest.Error(context.Request, EdgeTarget.Of(context)));
            }
        }
        catch (AwsErrorException e) when (!context.Response.HasStarted)
        {
            await AwsErrorWriter.WriteAsync(context, e.Error);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var service = EdgeTarget.Of(context)?.Service ?? AwsErrorWriter.Default;
            var code = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "RequestEntityTooLargeException" : service.BadRequestErrorCode;
            await AwsErrorWriter.WriteAsync(context, service.CreateError(e.StatusCode, code, e.Message));
        }
        catch (Exception e) when (!context.Response.HasStarted && Translate(e, EdgeTarget.Of(context)?.Service ?? AwsErrorWriter.Default) is { } error)
        {
            await AwsErrorWriter.WriteAsync(context, error);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // The last resort: a bug, not the caller's fault. The caller gets the service's 500 with a request id, the
            // log the stack under that id; never an empty 500.
            var requestId = Guid.NewGuid().ToString();
            var service = EdgeTarget.Of(context)?.Service ?? AwsErrorWriter.Default;
            LogUnexpected(logger, e, context.Request.Method, context.Request.Path.Value ?? "/", service.Name, requestId);
            context.Response.Clear();
            context.Response.Headers["x-amzn-RequestId"] = requestId;
            await AwsErrorWriter.WriteAsync(context, service.InternalFailure(requestId));
        }
    }

    /// <summary>
    /// No route took the request (404), or routing's own 405 for a path served with other methods: AWS answers both as
    /// an unknown operation, never with an empty body.
    /// </summary>
    private static bool IsUnrouted(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => context.GetEndpoint() is null,
        StatusCodes.Status405MethodNotAllowed => context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<AwsOperation>() is null
            && context.Response.ContentLength is null or 0,
        _ => false,
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unexpected failure answering {Method} {Path} for {Service} (request id {RequestId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path, string service, string requestId);

    private AwsError? Translate(Exception exception, AwsService service)
    {
        foreach (var translation in _translations)
        {
            if (translation.TryTranslate(exception, service) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private static bool IsUnsignedQuery(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is "/" or ""
        && MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
        && media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
