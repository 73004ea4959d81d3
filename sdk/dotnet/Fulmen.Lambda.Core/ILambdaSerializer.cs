namespace Fulmen.Lambda.Core;

/// <summary>Turns the invocation's JSON into the handler's input type and its result back into JSON.</summary>
public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);

    void Serialize<T>(T response, Stream responseStream);
}

/// <summary>
/// Names the <see cref="ILambdaSerializer"/> for handlers whose input or output is not a <see cref="Stream"/>.
/// Put it on the assembly (<c>[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]</c>) or on one handler method.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method, AllowMultiple = false)]
public sealed class LambdaSerializerAttribute(Type serializerType) : Attribute
{
    /// <summary>A type implementing <see cref="ILambdaSerializer"/> with a public parameterless constructor.</summary>
    public Type SerializerType { get; } = serializerType;
}
