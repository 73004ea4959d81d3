using System.Reflection;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// A serializer's generic <c>Deserialize&lt;T&gt;(Stream)</c> and <c>Serialize&lt;T&gt;(T, Stream)</c> bound once to a handler's
/// types as typed delegates, so an invoke makes a direct call. Works for any serializer interface of that shape:
/// Fulmen's <c>ILambdaSerializer</c> or the function's own copy of AWS's.
/// </summary>
internal sealed class SerializerBinding(object serializer, Type serializerInterface)
{
    private readonly MethodInfo _deserialize = Implementation(serializer, serializerInterface, "Deserialize");
    private readonly MethodInfo _serialize = Implementation(serializer, serializerInterface, "Serialize");

    /// <summary>A <c>Func&lt;Stream, T&gt;</c>.</summary>
    public Delegate Reader(Type type) =>
        Delegate.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(Stream), type), serializer, _deserialize.MakeGenericMethod(type));

    /// <summary>An <c>Action&lt;T, Stream&gt;</c>.</summary>
    public Delegate Writer(Type type) =>
        Delegate.CreateDelegate(typeof(Action<,>).MakeGenericType(type, typeof(Stream)), serializer, _serialize.MakeGenericMethod(type));

    // The serializer class's own method (through the interface map), so the delegate is a direct call.
    private static MethodInfo Implementation(object serializer, Type serializerInterface, string name)
    {
        var map = serializer.GetType().GetInterfaceMap(serializerInterface);
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == name && m.IsGenericMethodDefinition);
        return index >= 0
            ? map.TargetMethods[index]
            : throw new LambdaValidationException($"The serializer interface '{serializerInterface.FullName}' has no generic {name} method.");
    }
}
