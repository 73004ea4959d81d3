using Fulmen.Protocols;

namespace Fulmen.Functions.Api;

/// <summary>The Lambda API as the edge knows it: rest-json, signing name <c>lambda</c>, its dated path segments.</summary>
public static class LambdaService
{
    public static readonly AwsService Api = new("lambda", "lambda", AwsProtocol.RestJson)
    {
        UnavailableErrorCode = "ServiceException",
        InternalErrorCode = "ServiceException",
        BadRequestErrorCode = "InvalidRequestContentException",
        CreateError = static (status, code, message) => new LambdaError(status, code, message).ToAwsError(),
        PathSegments = ["2014-11-13", "2015-03-31", "2016-08-19", "2017-03-31", "2017-10-31", "2019-09-25", "2019-09-30", "2021-10-31"],
    };
}
