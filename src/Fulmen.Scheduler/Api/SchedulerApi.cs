using Fulmen.Protocols;
using Fulmen.Protocols.Errors;

namespace Fulmen.Scheduler.Api;

/// <summary>
/// EventBridge Scheduler as the edge knows it: rest-json, signing name <c>scheduler</c>. Signed requests resolve by the
/// credential scope (so <c>/tags/{arn}</c> is the Scheduler's); unsigned ones by the paths only this service has.
/// </summary>
public static class SchedulerApi
{
    public static readonly AwsService Descriptor = new("scheduler", "scheduler", AwsProtocol.RestJson)
    {
        UnavailableErrorCode = "InternalServerException",
        InternalErrorCode = "InternalServerException",
        BadRequestErrorCode = "ValidationException",
        // The service's model spells every error's message member "Message".
        CreateError = static (status, code, message) => new AwsError(status, code, message) { MessageMember = "Message" },
        // Not "tags": AWS's other rest-json services (Pipes, API Gateway) use it too, so only a signature can say whose it is.
        PathSegments = ["schedules", "schedule-groups"],
    };
}
