using System.Reflection;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// A serializer's generic <c>Deserialize&lt;T&gt;(Stream)</c> and <c>Serialize&lt;T&gt;(T, Stream)</c> bound once to a handler's
/// types, so an invoke makes plain delegate calls. Works for any serializer interface of that shape: Fulmen's
/// <c>ILambdaSerializer</c> or the function's own copy of AWS's.
/// </summary>
internal sealed class SerializerBinding(object serializer, Type serializerInterface)
{
    private readonly MethodInfo _deserialize = Implementation(serializer, serializerInterface, "Deserialize");
    private readonly MethodInfo _serialize = Implementation(serializer, serializerInterface, "Serialize");

    public Func<Stream, object?> ReaderFor(Type type) =>
        (Func<Stream, object?>)Helper(nameof(Reader), type).Invoke(null, [Delegate.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(Stream), type), serializer, _deserialize.MakeGenericMethod(type))])!;

    public Action<object?, Stream> WriterFor(Type type) =>
        (Action<object?, Stream>)Helper(nameof(Writer), type).Invoke(null, [Delegate.CreateDelegate(typeof(Action<,>).MakeGenericType(type, typeof(Stream)), serializer, _serialize.MakeGenericMethod(type))])!;

    // The serializer class's own method (through the interface map), so the delegate is a direct call.
    private static MethodInfo Implementation(object serializer, Type serializerInterface, string name)
    {
        var map = serializer.GetType().GetInterfaceMap(serializerInterface);
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == name && m.IsGenericMethodDefinition);
        return index >= 0
            ? map.TargetMethods[index]
            : throw new LambdaValidationException($"The serializer interface '{serializerInterface.FullName}' has no generic {name} method.");
    }

    private static MethodInfo Helper(string name, Type type) =>
        typeof(SerializerBinding).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);

    private static Func<Stream, object?> Reader<T>(Func<Stream, T> deserialize) => stream => deserialize(stream);

    private static Action<object?, Stream> Writer<T>(Action<T, Stream> serialize) => (value, stream) => serialize((T)value!, stream);
}
