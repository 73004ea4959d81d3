using Fulmen.Protocols.Errors;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>apigatewayv2's errors, as values the protocol layer writes (<c>x-amzn-ErrorType</c> and <c>{"message":…}</c>).</summary>
public static class HttpApiError
{
    public static AwsError NotFound(string message) => new(404, "NotFoundException", message);
    public static AwsError BadRequest(string message) => new(400, "BadRequestException", message);
    public static AwsError Conflict(string message) => new(409, "ConflictException", message);

    public static AwsError ApiNotFound(string apiId) => NotFound($"Invalid API identifier specified {apiId}");
}
