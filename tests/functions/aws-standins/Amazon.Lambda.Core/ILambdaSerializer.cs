using System;
using System.IO;

namespace Amazon.Lambda.Core;

/// <summary>Converts the invocation's payload to the handler's input type and the result back.</summary>
public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);

    void Serialize<T>(T response, Stream responseStream);
}

/// <summary>Names the serializer for the assembly's handlers, or one handler method.</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method, AllowMultiple = false)]
public sealed class LambdaSerializerAttribute : Attribute
{
    public LambdaSerializerAttribute(Type serializerType)
    {
        SerializerType = serializerType;
    }

    public Type SerializerType { get; set; }
}
