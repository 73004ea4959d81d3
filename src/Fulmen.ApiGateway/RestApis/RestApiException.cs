using Fulmen.Protocols.Errors;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>An apigateway error, thrown by the control plane; the edge writes <c>x-amzn-ErrorType</c> and <c>{"message": …}</c>.</summary>
public sealed class RestApiException(int statusCode, string errorType, string message) : AwsErrorException(statusCode, errorType, message)
{
    public static RestApiException NotFound(string message) => new(404, "NotFoundException", message);
    public static RestApiException BadRequest(string message) => new(400, "BadRequestException", message);
    public static RestApiException Conflict(string message) => new(409, "ConflictException", message);
    public static RestApiException ApiNotFound() => NotFound("Invalid API identifier specified");
    public static RestApiException ResourceNotFound() => NotFound("Invalid Resource identifier specified");
    public static RestApiException MethodNotFound() => NotFound("Invalid Method identifier specified");
}
