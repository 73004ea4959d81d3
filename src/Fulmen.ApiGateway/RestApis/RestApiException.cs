using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>An apigateway error as AWS answers it: status, <c>x-amzn-ErrorType</c> and <c>{"message": …}</c>.</summary>
public sealed class RestApiException(int statusCode, string errorType, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string ErrorType { get; } = errorType;

    public static RestApiException NotFound(string message) => new(404, "NotFoundException", message);
    public static RestApiException BadRequest(string message) => new(400, "BadRequestException", message);
    public static RestApiException Conflict(string message) => new(409, "ConflictException", message);
    /// <summary>The database is unreachable: nothing changed, and the caller may retry (as AWS's clients do on 503).</summary>
    public static RestApiException StoreUnavailable(Fulmen.Storage.StorageUnavailableException e) => new(503, "ServiceUnavailableException", e.ForClients);
    public static RestApiException ApiNotFound() => NotFound("Invalid API identifier specified");
    public static RestApiException ResourceNotFound() => NotFound("Invalid Resource identifier specified");
    public static RestApiException MethodNotFound() => NotFound("Invalid Method identifier specified");

    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = ErrorType;
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = Message }, RestApiJsonContext.Default.DictionaryStringString);
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
