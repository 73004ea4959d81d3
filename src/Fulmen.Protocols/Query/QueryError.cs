using Fulmen.Protocols.Errors;

namespace Fulmen.Protocols.Query;

/// <summary>A query-protocol service's error, thrown by its operations: 400 (the sender's fault) unless told otherwise.</summary>
public sealed class QueryError(string code, string message, int status = 400) : AwsErrorException(new AwsError(status, code, message))
{
    /// <summary>AWS's answer to an <c>Action</c> the service does not have.</summary>
    public static QueryError InvalidAction(string action) => new("InvalidAction", $"The action {action} is not valid for this web service.");
}
