using Fulmen.Protocols.Errors;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// Turns an exception this layer does not know (the store's "unavailable") into the resolved service's error, so
/// the edge writes it in that service's envelope and this project depends on no store.
/// </summary>
public sealed class AwsExceptionTranslation(Type exceptionType, Func<Exception, AwsService, AwsError> translate)
{
    public Type ExceptionType { get; } = exceptionType;

    public AwsError? TryTranslate(Exception exception, AwsService service) =>
        ExceptionType.IsInstanceOfType(exception) ? translate(exception, service) : null;
}
