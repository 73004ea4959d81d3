using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>An apigatewayv2 error: HTTP status, <c>x-amzn-ErrorType</c> and <c>{"message":…}</c>, as AWS answers.</summary>
public sealed record HttpApiError(int StatusCode, string Type, string Message)
{
    public static HttpApiError NotFound(string message) => new(404, "NotFoundException", message);
    public static HttpApiError BadRequest(string message) => new(400, "BadRequestException", message);
    public static HttpApiError Conflict(string message) => new(409, "ConflictException", message);

    public static HttpApiError ApiNotFound(string apiId) => NotFound($"Invalid API identifier specified {apiId}");

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = Type;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("message", Message);
            json.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }
}
