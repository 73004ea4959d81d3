using System.Linq.Expressions;
using System.Reflection;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.RuntimeHost.AwsLibraries;

/// <summary>
/// The function's own copy of AWS's <c>Amazon.Lambda.Core</c>, when it was built against it: the host hands such a
/// handler contexts and loggers implementing that copy's interfaces, honours that copy's
/// <c>LambdaSerializerAttribute</c> and routes that copy's static <c>LambdaLogger</c> into the log, as AWS's runtime
/// does. Everything is looked up and generated here, once, at load.
/// </summary>
internal sealed class FunctionLambdaCore
{
    public const string AssemblyName = "Amazon.Lambda.Core";

    private readonly Type _contextAdapter;
    private readonly object _logger;

    private FunctionLambdaCore(Assembly core, ILambdaLogger log)
    {
        ContextType = Required(core, "ILambdaContext");
        SerializerType = Required(core, "ILambdaSerializer");
        SerializerAttributeType = Required(core, "LambdaSerializerAttribute");
        var loggerType = Required(core, "ILambdaLogger");
        var nested = new Dictionary<Type, Type>();
        AddNested(core, nested, "IClientApplication", typeof(IClientApplication));
        AddNested(core, nested, "ICognitoIdentity", typeof(ICognitoIdentity));
        AddNested(core, nested, "IClientContext", typeof(IClientContext));
        var bridge = new FunctionLogger(log);
        _logger = Activator.CreateInstance(InterfaceAdapter.Build(loggerType, typeof(FunctionLogger), nested), bridge)!;
        _contextAdapter = InterfaceAdapter.Build(ContextType, typeof(ILambdaContext), nested, held: loggerType);
        RedirectStaticLogger(core, bridge);
    }

    /// <summary>The function's <c>Amazon.Lambda.Core.ILambdaContext</c>.</summary>
    public Type ContextType { get; }

    /// <summary>The function's <c>Amazon.Lambda.Core.ILambdaSerializer</c>.</summary>
    public Type SerializerType { get; }

    /// <summary>The function's <c>Amazon.Lambda.Core.LambdaSerializerAttribute</c>.</summary>
    public Type SerializerAttributeType { get; }

    /// <summary>The function's copy when <paramref name="function"/> references one (loaded from the function's directory), else null.</summary>
    public static FunctionLambdaCore? For(Assembly function, ILambdaLogger log)
    {
        var reference = function.GetReferencedAssemblies().FirstOrDefault(name => name.Name == AssemblyName);
        return reference is null ? null : new FunctionLambdaCore(Assembly.Load(reference), log);
    }

    /// <summary>Wraps the host's context of one invocation in the function's <c>ILambdaContext</c>.</summary>
    public Func<ILambdaContext, object> ContextFactory()
    {
        // One small object per invoke, made by a compiled constructor call: no reflection on the invoke path.
        var context = Expression.Parameter(typeof(ILambdaContext), "context");
        var constructor = _contextAdapter.GetConstructors()[0];
        var created = Expression.New(constructor, context, Expression.Constant(_logger, constructor.GetParameters()[1].ParameterType));
        return Expression.Lambda<Func<ILambdaContext, object>>(Expression.Convert(created, typeof(object)), context).Compile();
    }

    private static Type Required(Assembly core, string name) =>
        core.GetType($"{AssemblyName}.{name}") ?? throw new LambdaValidationException($"The function's {AssemblyName} has no type '{AssemblyName}.{name}'.");

    private static void AddNested(Assembly core, Dictionary<Type, Type> nested, string name, Type host)
    {
        if (core.GetType($"{AssemblyName}.{name}") is { IsInterface: true } type)
        {
            nested[type] = InterfaceAdapter.Build(type, host, nested);
        }
    }

    /// <summary>
    /// AWS's <c>LambdaLogger</c> writes through private static delegates that AWS's runtime replaces by reflection
    /// (their names are fixed for that purpose); the host replaces them the same way.
    /// </summary>
    private static void RedirectStaticLogger(Assembly core, FunctionLogger bridge)
    {
        var type = core.GetType($"{AssemblyName}.LambdaLogger");
        Set(type, "_loggingAction", new Action<string>(bridge.Log));
        Set(type, "_loggingWithLevelAction", new Action<string, string, object[]>(bridge.Log));
        Set(type, "_loggingWithLevelAndExceptionAction", new Action<string, Exception, string, object[]>(bridge.Log));
    }

    private static void Set(Type? type, string field, Delegate value)
    {
        if (type?.GetField(field, BindingFlags.NonPublic | BindingFlags.Static) is { } info && info.FieldType == value.GetType())
        {
            info.SetValue(null, value);
        }
    }
}
