using System.Reflection;
using System.Reflection.Emit;

namespace Fulmen.Lambda.RuntimeHost.AwsLibraries;

/// <summary>
/// Builds, once per function, classes that implement an interface of the function's own libraries (AWS's
/// <c>ILambdaContext</c>, <c>ILambdaLogger</c>, …) by forwarding each member to the same-named member of a host
/// type. The host cannot be compiled against the function's copies, and generated forwarding keeps an invoke
/// free of reflection: a call on the adapter is one more virtual call.
/// </summary>
internal static class InterfaceAdapter
{
    private static readonly ModuleBuilder Module = AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("Fulmen.Lambda.FunctionAdapters"), AssemblyBuilderAccess.Run)
        .DefineDynamicModule("Fulmen.Lambda.FunctionAdapters");

    private static int s_count;

    /// <summary>
    /// A class implementing <paramref name="target"/> around a <paramref name="source"/> instance (its constructor
    /// takes that instance, then a <paramref name="held"/> instance when given). Members returning
    /// <paramref name="held"/> return the held instance; members returning an interface in <paramref name="nested"/>
    /// wrap the source's value in that adapter; enums with the same name pass through (same values). An abstract
    /// property without a counterpart returns its type's default, another abstract member throws
    /// <see cref="NotSupportedException"/>; a default member keeps its default.
    /// </summary>
    public static Type Build(Type target, Type source, IReadOnlyDictionary<Type, Type> nested, Type? held = null)
    {
        var type = Module.DefineType($"Fulmen.Adapters.{target.Name}{Interlocked.Increment(ref s_count)}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(object), [target]);
        var inner = type.DefineField("_inner", source, FieldAttributes.Private | FieldAttributes.InitOnly);
        var heldField = held is null ? null : type.DefineField("_held", held, FieldAttributes.Private | FieldAttributes.InitOnly);
        DefineConstructor(type, inner, heldField);
        foreach (var method in target.GetMethods().Concat(target.GetInterfaces().SelectMany(i => i.GetMethods())))
        {
            if (method.IsStatic || !method.IsVirtual)
            {
                continue;
            }
            var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
            var returnsHeld = heldField is not null && parameters.Length == 0 && method.ReturnType == held;
            var counterpart = returnsHeld ? null : Counterpart(source, method, parameters, nested);
            if (!returnsHeld && counterpart is null && !method.IsAbstract)
            {
                continue;
            }
            var body = type.DefineMethod($"{method.DeclaringType!.Name}.{method.Name}",
                MethodAttributes.Private | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
                method.ReturnType, parameters);
            var il = body.GetILGenerator();
            if (returnsHeld)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, heldField!);
                il.Emit(OpCodes.Ret);
            }
            else if (counterpart is null && IsGetter(method, parameters))
            {
                // A property the host has no value for (one added to AWS's interface later): its default, as when absent.
                EmitDefault(il, method.ReturnType);
            }
            else if (counterpart is null)
            {
                il.Emit(OpCodes.Ldstr, $"'{method.DeclaringType.FullName}.{method.Name}' is not supported by Fulmen's .NET runtime.");
                il.Emit(OpCodes.Newobj, typeof(NotSupportedException).GetConstructor([typeof(string)])!);
                il.Emit(OpCodes.Throw);
            }
            else
            {
                Forward(il, inner, counterpart, parameters.Length, method.ReturnType, nested);
            }
            type.DefineMethodOverride(body, method);
        }
        return type.CreateType();
    }

    private static bool IsGetter(MethodInfo method, Type[] parameters) =>
        method.IsSpecialName && parameters.Length == 0 && method.Name.StartsWith("get_", StringComparison.Ordinal);

    private static void EmitDefault(ILGenerator il, Type type)
    {
        if (type.IsValueType)
        {
            var value = il.DeclareLocal(type);
            il.Emit(OpCodes.Ldloca, value);
            il.Emit(OpCodes.Initobj, type);
            il.Emit(OpCodes.Ldloc, value);
        }
        else
        {
            il.Emit(OpCodes.Ldnull);
        }
        il.Emit(OpCodes.Ret);
    }

    private static void DefineConstructor(TypeBuilder type, FieldInfo inner, FieldInfo? held)
    {
        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard,
            held is null ? [inner.FieldType] : [inner.FieldType, held.FieldType]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(object).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, inner);
        if (held is not null)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Stfld, held);
        }
        il.Emit(OpCodes.Ret);
    }

    private static void Forward(ILGenerator il, FieldInfo inner, MethodInfo counterpart, int parameterCount, Type returnType, IReadOnlyDictionary<Type, Type> nested)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, inner);
        for (short i = 1; i <= parameterCount; i++)
        {
            il.Emit(OpCodes.Ldarg, i);
        }
        il.Emit(counterpart.IsVirtual ? OpCodes.Callvirt : OpCodes.Call, counterpart);
        if (nested.TryGetValue(returnType, out var adapter) && counterpart.ReturnType != returnType)
        {
            // null stays null; anything else is wrapped (rare members: client context, identity).
            var value = il.DeclareLocal(counterpart.ReturnType);
            var wrap = il.DefineLabel();
            il.Emit(OpCodes.Stloc, value);
            il.Emit(OpCodes.Ldloc, value);
            il.Emit(OpCodes.Brtrue_S, wrap);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ret);
            il.MarkLabel(wrap);
            il.Emit(OpCodes.Ldloc, value);
            il.Emit(OpCodes.Newobj, adapter.GetConstructors()[0]);
        }
        il.Emit(OpCodes.Ret);
    }

    /// <summary>The source's method with the same name, parameters and (mapped) return type, or null.</summary>
    private static MethodInfo? Counterpart(Type source, MethodInfo method, Type[] parameters, IReadOnlyDictionary<Type, Type> nested)
    {
        var candidates = source.IsInterface ? source.GetMethods() : source.GetMethods(BindingFlags.Public | BindingFlags.Instance);
        return candidates.FirstOrDefault(candidate =>
        {
            if (candidate.Name != method.Name || candidate.IsStatic)
            {
                return false;
            }
            var theirs = candidate.GetParameters();
            if (theirs.Length != parameters.Length)
            {
                return false;
            }
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!Same(parameters[i], theirs[i].ParameterType))
                {
                    return false;
                }
            }
            return Same(method.ReturnType, candidate.ReturnType)
                || (nested.TryGetValue(method.ReturnType, out var adapter) && adapter.GetConstructors()[0].GetParameters()[0].ParameterType == candidate.ReturnType);
        });
    }

    // The same type, or enums of the same name (AWS's LogLevel and Fulmen's have the same members and values).
    private static bool Same(Type ours, Type theirs) =>
        ours == theirs || (ours.IsEnum && theirs.IsEnum && ours.Name == theirs.Name);
}
