using Fulmen.Protocols.Errors;

namespace Fulmen.Scheduler.Api;

/// <summary>The Scheduler's errors, with AWS's codes, statuses and messages (docs/scheduler.md lists them).</summary>
internal static class SchedulerErrors
{
    public static AwsErrorException Error(int status, string code, string message) => new(SchedulerApi.Descriptor.CreateError(status, code, message));

    public static AwsErrorException Validation(string message) => Error(400, "ValidationException", message);

    public static AwsErrorException ScheduleNotFound(string name) => Error(404, "ResourceNotFoundException", $"Schedule {name} does not exist.");

    public static AwsErrorException GroupNotFound(string name) => Error(404, "ResourceNotFoundException", $"Schedule group {name} does not exist.");

    public static AwsErrorException ScheduleExists(string name) => Error(409, "ConflictException", $"Schedule {name} already exists.");

    public static AwsErrorException GroupExists(string name) => Error(409, "ConflictException", $"Schedule group {name} already exists.");

    /// <summary>AWS's validation layer: one sentence naming the value, the member (camel case) and the constraint.</summary>
    public static AwsErrorException Constraint(string? value, string member, string constraint) =>
        Validation($"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static AwsErrorException Missing(string member) => Constraint(null, member, "Member must not be null");

    public static AwsErrorException Serialization(string member) => Validation($"Cannot deserialize the value of '{member}'.");
}
