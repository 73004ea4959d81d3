using System.Reflection;
using System.Runtime.CompilerServices;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.RuntimeHost.AwsLibraries;
using Fulmen.Lambda.RuntimeSupport;
using Fulmen.Lambda.Serialization.SystemTextJson;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// The handler method with everything decided at init: where the input and context go, how the input is read
/// and the result written, and the instance (created here, so constructors count as init, as on AWS).
/// Supported: static or instance; no parameter, the input, or the input and <see cref="ILambdaContext"/>;
/// input and output a <see cref="Stream"/> or any type the serializer handles; returning nothing, a value,
/// <see cref="Task"/>, <see cref="Task{T}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{T}"/>. The serializer is
/// the one a <see cref="LambdaSerializerAttribute"/> names on the method or assembly, else System.Text.Json.
/// </summary>
internal sealed class HandlerMethod
{
    private readonly Func<Stream, ILambdaContext, Stream, ValueTask> _invoke;

    private HandlerMethod(MethodInfo method, object? instance, SerializerBinding? serializer, FunctionLambdaCore? aws)
    {
        var arguments = new List<HandlerInvoker.Argument>();
        foreach (var parameter in method.GetParameters())
        {
            var type = parameter.ParameterType;
            if (type == typeof(ILambdaContext))
            {
                arguments.Add(HandlerInvoker.Context(type, null));
            }
            else if (type == aws?.ContextType)
            {
                arguments.Add(HandlerInvoker.Context(type, aws.ContextFactory()));
            }
            else
            {
                arguments.Add(HandlerInvoker.Input(type, type == typeof(Stream) || type == typeof(MemoryStream) ? null : Require(serializer).Reader(type)));
            }
        }

        var returnType = method.ReturnType;
        Delegate? finish;
        if (returnType == typeof(void))
        {
            finish = null;
        }
        else if (returnType == typeof(Task))
        {
            finish = HandlerInvoker.FinishTask();
        }
        else if (returnType == typeof(ValueTask))
        {
            finish = HandlerInvoker.FinishValueTask();
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var outputType = returnType.GetGenericArguments()[0];
            finish = HandlerInvoker.FinishTaskOf(outputType, Writer(outputType, serializer));
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var outputType = returnType.GetGenericArguments()[0];
            finish = HandlerInvoker.FinishValueTaskOf(outputType, Writer(outputType, serializer));
        }
        else
        {
            finish = HandlerInvoker.FinishValue(returnType, Writer(returnType, serializer));
        }
        _invoke = HandlerInvoker.Bind(method, instance, arguments, finish);
    }

    // An Action<T, Stream>: a stream result is copied to the output, anything else serialized.
    private static Delegate Writer(Type type, SerializerBinding? serializer) =>
        typeof(Stream).IsAssignableFrom(type) ? HandlerInvoker.CopyStream(type) : Require(serializer).Writer(type);

    /// <summary>
    /// Finds the method named by the handler string and prepares it, or says clearly why it cannot. A function built
    /// against AWS's <c>Amazon.Lambda.Core</c> gets its context, logger and serializer attribute bound to its own copy;
    /// <paramref name="log"/> is where that copy's loggers write.
    /// </summary>
    public static HandlerMethod Create(HandlerString handler, Assembly assembly, ILambdaLogger? log = null)
    {
        var type = assembly.GetType(handler.Type)
            ?? throw new LambdaValidationException($"Unable to load type '{handler.Type}' from assembly '{handler.Assembly}'.");
        if (type.IsGenericTypeDefinition)
        {
            throw new LambdaValidationException($"The type '{type.FullName}' cannot be used as a Lambda Handler type because it is generic. Handler methods cannot be located in generic types. Please specify a handler method in a non-generic type.");
        }
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Where(m => m.Name == handler.Method)
            .ToList();
        if (candidates.Count == 0)
        {
            throw new LambdaValidationException(
                $"Unable to find method '{handler.Method}' in type '{handler.Type}' from assembly '{handler.Assembly}': Found no methods matching method name '{handler.Method}'.");
        }
        if (candidates.Count > 1)
        {
            throw new LambdaValidationException(
                $"The method '{handler.Method}' in type '{handler.Type}' appears to have a number of overloads. To call this method please specify a complete method signature. Possible candidates are:\n{string.Join("\n", candidates)}.");
        }
        var method = candidates[0];
        var aws = FunctionLambdaCore.For(assembly, log ?? new ContextLogger(new LogSink(null)));
        Validate(method, type, aws?.ContextType);

        // Static constructors and the instance constructor run now, inside init.
        RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        object? instance = null;
        if (!method.IsStatic)
        {
            try
            {
                instance = Activator.CreateInstance(type, nonPublic: true);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            }
        }
        return new HandlerMethod(method, instance, SerializerFor(method, assembly, aws), aws);
    }

    /// <summary>Runs the handler for one invocation and writes its result (nothing for void handlers) to <paramref name="output"/>.</summary>
    public ValueTask InvokeAsync(Stream input, ILambdaContext context, Stream output) => _invoke(input, context, output);

    /// <summary>The bound handler itself, for the invocation loop.</summary>
    public Func<Stream, ILambdaContext, Stream, ValueTask> Invoke => _invoke;

    private static void Validate(MethodInfo method, Type type, Type? awsContext)
    {
        var name = method.Name;
        if (method.IsAbstract)
        {
            throw new LambdaValidationException($"The method '{name}' cannot be used as a Lambda Handler because it is an abstract method. Handler methods cannot be abstract. Please specify a non-abstract handler method.");
        }
        if (method.IsGenericMethodDefinition)
        {
            throw new LambdaValidationException($"The method '{name}' cannot be used as a Lambda Handler because it is a generic method. Handler methods cannot be generic. Please specify a non-generic handler method.");
        }
        if (!method.IsStatic && type.IsAbstract)
        {
            throw new LambdaValidationException($"The instance method '{name}' cannot be used as a Lambda Handler because its type '{type.FullName}' is abstract. Please either use a static handler or specify a type that is not abstract.");
        }
        if (method.ReturnType == typeof(void) && method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
        {
            throw new LambdaValidationException($"The method '{name}' cannot be used as a Lambda Handler because it is an 'async void' method. Handler methods cannot be 'async void'. Please specify a method that is not 'async void'.");
        }
        var parameters = method.GetParameters();
        if (parameters.Length > 2)
        {
            throw new LambdaValidationException($"Method '{name}' of type '{type.FullName}' is not supported: the method has more than 2 parameters.");
        }
        if (parameters.Length == 2 && parameters[1].ParameterType != typeof(ILambdaContext) && parameters[1].ParameterType != awsContext)
        {
            throw new LambdaValidationException($"Method '{name}' of type '{type.FullName}' is not supported: the method has 2 parameters, but the second parameter is not of type '{(awsContext ?? typeof(ILambdaContext)).FullName}'.");
        }
    }

    private static SerializerBinding? SerializerFor(MethodInfo method, Assembly assembly, FunctionLambdaCore? aws)
    {
        var (type, serializerInterface) = SerializerTypeFrom(method) ?? SerializerTypeFrom(assembly) ?? default;
        if (type is null)
        {
            return null;
        }
        if (!serializerInterface.IsAssignableFrom(type))
        {
            throw new LambdaValidationException($"The '{type.FullName}' class is invalid: it does not implement the 'ILambdaSerializer' interface.");
        }
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new LambdaValidationException($"The indicated serializer '{type.FullName}' does not define a public zero-parameter constructor.");
        }
        // The default serializer is shared: the one a pre-started host warmed up already has its caches built.
        return type == typeof(DefaultLambdaJsonSerializer) ? DefaultSerializer.Value : new SerializerBinding(Activator.CreateInstance(type)!, serializerInterface);

        // Fulmen's attribute, or the one of the function's own Amazon.Lambda.Core (its serializer implements that copy's interface).
        (Type, Type)? SerializerTypeFrom(ICustomAttributeProvider target)
        {
            if (target.GetCustomAttributes(typeof(LambdaSerializerAttribute), false) is [LambdaSerializerAttribute ours, ..])
            {
                return (ours.SerializerType, typeof(ILambdaSerializer));
            }
            if (aws is not null && target.GetCustomAttributes(aws.SerializerAttributeType, false) is [var theirs, ..]
                && aws.SerializerAttributeType.GetProperty("SerializerType")?.GetValue(theirs) is Type serializer)
            {
                return (serializer, aws.SerializerType);
            }
            return null;
        }
    }

    // Without a LambdaSerializer attribute, System.Text.Json with the runtime's defaults (AWS would refuse the handler).
    private static SerializerBinding Require(SerializerBinding? serializer) => serializer ?? DefaultSerializer.Value;

    private static readonly Lazy<SerializerBinding> DefaultSerializer = new(() => new SerializerBinding(new DefaultLambdaJsonSerializer(), typeof(ILambdaSerializer)));
}
