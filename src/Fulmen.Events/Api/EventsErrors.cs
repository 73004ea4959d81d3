using Fulmen.Protocols.Errors;

namespace Fulmen.Events.Api;

/// <summary>EventBridge's errors, with AWS's codes and messages (all 400 but the internal ones).</summary>
internal static class EventsErrors
{
    public static AwsErrorException Error(string code, string message, int status = 400) => new(new AwsError(status, code, message));

    public static AwsErrorException Validation(string message) => Error("ValidationException", message);

    public static AwsErrorException BusNotFound(string bus) => Error("ResourceNotFoundException", $"Event bus {bus} does not exist.");

    public static AwsErrorException RuleNotFound(string rule, string bus) => Error("ResourceNotFoundException", $"Rule {rule} does not exist on EventBus {bus}.");

    public static AwsErrorException BusExists(string bus) => Error("ResourceAlreadyExistsException", $"Event bus {bus} already exists.");

    public static AwsErrorException InvalidEventPattern(string message) => Error("InvalidEventPatternException", message);

    public static AwsErrorException LimitExceeded(string message) => Error("LimitExceededException", message);

    /// <summary>AWS's constraint wording, as its validation layer states it.</summary>
    public static AwsErrorException Constraint(string value, string member, string constraint) =>
        Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public static AwsErrorException Missing(string member) =>
        Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");
}
