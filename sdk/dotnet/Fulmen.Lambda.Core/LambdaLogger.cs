namespace Fulmen.Lambda.Core;

/// <summary>
/// Static access to the function's log, for code that has no <see cref="ILambdaContext"/> at hand.
/// Outside the runtime (unit tests) it writes to the console.
/// </summary>
public static class LambdaLogger
{
    private static Action<string> s_write = Console.Write;

    /// <summary>Writes the message to the function's log as it is.</summary>
    public static void Log(string message) => s_write(message);

    /// <summary>Set by the runtime host so that lines carry the request id, as <c>context.Logger</c> does.</summary>
    internal static void RedirectTo(Action<string> write) => s_write = write;
}
