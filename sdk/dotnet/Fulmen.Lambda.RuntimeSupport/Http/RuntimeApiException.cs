namespace Fulmen.Lambda.RuntimeSupport.Http;

/// <summary>The Runtime API could not be reached, broke the exchange, or answered with an error status.</summary>
public sealed class RuntimeApiException : IOException
{
    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RuntimeApiException(string message, int status)
        : base(message) => Status = status;

    /// <summary>The HTTP status the Runtime API answered with, when it did.</summary>
    public int? Status { get; }
}
