using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.Provisioned;

internal static partial class ProvisionedLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Provisioned concurrency of {Function}:{Qualifier}: {Count} environment(s) requested")]
    public static partial void Requested(ILogger logger, string function, string qualifier, int count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "A provisioned environment of {Function}:{Qualifier} failed init: {Failure}")]
    public static partial void InitFailed(ILogger logger, string function, string qualifier, string failure);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "A provisioned environment of {Function}:{Qualifier} was lost; starting a replacement")]
    public static partial void Replacing(ILogger logger, string function, string qualifier);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Could not start a provisioned environment of {Function}:{Qualifier}")]
    public static partial void StartFailed(ILogger logger, Exception exception, string function, string qualifier);
}
