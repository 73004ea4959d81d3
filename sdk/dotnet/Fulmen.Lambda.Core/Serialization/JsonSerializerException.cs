namespace Fulmen.Lambda.Serialization.SystemTextJson;

/// <summary>The event could not be read as the handler's input type, or a type is missing from a JSON context.</summary>
public class JsonSerializerException : Exception
{
    public JsonSerializerException()
    {
    }

    public JsonSerializerException(string message)
        : base(message)
    {
    }

    public JsonSerializerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static JsonSerializerException ForInput(Type type, Exception inner) =>
        new($"Error converting the Lambda event JSON payload to type {type.FullName}: {inner.Message}", inner);
}
