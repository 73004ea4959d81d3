namespace Fulmen.Execution.Environments;

/// <summary>This machine cannot start the function's runtime; the message says what to install.</summary>
public sealed class RuntimeUnavailableException(string message) : Exception(message);
