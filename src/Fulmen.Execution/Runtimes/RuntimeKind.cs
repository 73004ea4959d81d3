namespace Fulmen.Execution.Runtimes;

public enum RuntimeKind
{
    /// <summary>The function's own <c>bootstrap</c> executable.</summary>
    Provided,
    NodeJs,
    Python,
    /// <summary>A valid AWS runtime that this platform cannot run (yet).</summary>
    Unsupported,
}
