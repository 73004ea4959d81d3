namespace Fulmen.Patterns;

/// <summary>A pattern AWS would refuse. <see cref="Exception.Message"/> is the text AWS answers with for the
/// dialect; <see cref="Reason"/> is the specific rule that failed (for logs; Lambda's own text omits it).</summary>
public sealed class InvalidPatternException : Exception
{
    public InvalidPatternException() : this("Event pattern is not valid.", "")
    {
    }

    public InvalidPatternException(string message) : this(message, message)
    {
    }

    public InvalidPatternException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = message;
    }

    public InvalidPatternException(string message, string reason) : base(message)
    {
        Reason = reason;
    }

    /// <summary>The rule that failed, in event-ruler's words (e.g. <c>Empty arrays are not allowed</c>).</summary>
    public string Reason { get; }
}
