namespace Fulmen.Execution.Runtimes;

public enum RuntimeKind
{
    /// <summary>The function's own <c>bootstrap</c> executable.</summary>
    Provided,
    NodeJs,
    Python,
    /// <summary>dotnet8 and dotnet10: Fulmen's .NET host loads the function's assembly.</summary>
    Dotnet,
    /// <summary>A valid AWS runtime that this platform cannot run (yet).</summary>
    Unsupported,
}
