using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fulmen.Protocols.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>Reading request bodies and writing answers of the apigateway control plane.</summary>
internal static class RestApiJson
{
    /// <summary>
    /// The body bound to the request shape: not JSON, or a member of the wrong JSON type, is a BadRequestException, and
    /// so is a null inside any list (<c>binaryMediaTypes</c>, <c>patchOperations</c>), before anything can store it.
    /// </summary>
    public static async Task<RestApiRequest> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0)
        {
            return new RestApiRequest();
        }
        try
        {
            using var document = await JsonBody.ParseAsync(context.Request);
            if (NullInList.Find(document.RootElement) is { } found)
            {
                throw RestApiException.BadRequest($"1 validation error detected: {found.Constraint}");
            }
            return document.Deserialize(RestApiJsonContext.Default.RestApiRequest) ?? new RestApiRequest();
        }
        catch (JsonException e)
        {
            throw RestApiException.BadRequest($"Could not parse request body into json: {e.Message}");
        }
    }

    public static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, type), context.RequestAborted);
    }

    /// <summary>A deep copy, so an answer never shares objects with a stored document.</summary>
    public static T Clone<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(JsonSerializer.Serialize(value, type), type)!;
}
