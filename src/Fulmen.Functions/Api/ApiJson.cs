using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>Reading request bodies and writing responses with the API's source-generated contracts.</summary>
internal static class ApiJson
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : new()
    {
        if (context.Request.ContentLength == 0)
        {
            return new T();
        }
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted) ?? new T();
        }
        catch (JsonException e)
        {
            throw new LambdaApiException(new LambdaError(400, "InvalidRequestContentException",
                $"Could not parse request body into json: {e.Message}"));
        }
    }

    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
