using System.Reflection;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// Binds a handler method, once at init, into one delegate <c>(input, context, output) → ValueTask</c> made of typed
/// delegates: the method itself (<see cref="Delegate.CreateDelegate(Type, object?, MethodInfo)"/>), where each
/// argument comes from, and how its result is awaited and written. An invoke then makes a few direct delegate calls:
/// no <see cref="MethodInfo.Invoke(object?, object?[])"/>, no argument array, no boxing of the result, and exceptions
/// come out of the handler as they were thrown.
/// </summary>
internal static class HandlerInvoker
{
    /// <summary>An argument: from the input stream (<c>read</c>) or the context (<c>wrap</c>).</summary>
    /// <param name="Type">The parameter's type.</param>
    /// <param name="Source">A <c>Func&lt;Stream, ILambdaContext, Type&gt;</c>.</param>
    public sealed record Argument(Type Type, Delegate Source);

    public static Argument Input(Type type, Delegate? read) =>
        new(type, Make(nameof(InputSource), [type], read ?? Make(nameof(StreamAs), [type])));

    public static Argument Context(Type type, Func<ILambdaContext, object>? wrap) =>
        new(type, Make(nameof(ContextSource), [type], wrap));

    /// <summary>
    /// The bound handler. <paramref name="finish"/> is a <c>Func&lt;TReturn, Stream, ValueTask&gt;</c> made by one of
    /// the <c>Finish…</c> factories below (null for a void method).
    /// </summary>
    public static Func<Stream, ILambdaContext, Stream, ValueTask> Bind(MethodInfo method, object? instance, IReadOnlyList<Argument> arguments, Delegate? finish)
    {
        var types = arguments.Select(a => a.Type).ToArray();
        var sources = arguments.Select(a => (object?)a.Source).ToArray();
        if (method.ReturnType == typeof(void))
        {
            var target = Delegate.CreateDelegate(types.Length switch
            {
                0 => typeof(Action),
                1 => typeof(Action<>).MakeGenericType(types),
                _ => typeof(Action<,>).MakeGenericType(types),
            }, instance, method);
            var call = types.Length == 0 ? Make(nameof(Act0), [], [target]) : Make(types.Length == 1 ? nameof(Act1) : nameof(Act2), types, [target, .. sources]);
            return (Func<Stream, ILambdaContext, Stream, ValueTask>)Make(nameof(Void), [], call);
        }
        var returnType = method.ReturnType;
        var function = Delegate.CreateDelegate(types.Length switch
        {
            0 => typeof(Func<>).MakeGenericType(returnType),
            1 => typeof(Func<,>).MakeGenericType(types[0], returnType),
            _ => typeof(Func<,,>).MakeGenericType(types[0], types[1], returnType),
        }, instance, method);
        var caller = types.Length switch
        {
            0 => Make(nameof(Call0), [returnType], [function]),
            1 => Make(nameof(Call1), [types[0], returnType], [function, .. sources]),
            _ => Make(nameof(Call2), [types[0], types[1], returnType], [function, .. sources]),
        };
        return (Func<Stream, ILambdaContext, Stream, ValueTask>)Make(nameof(Bound), [returnType], caller, finish);
    }

    /// <summary>Finishing a method that returns a value: <paramref name="write"/> is an <c>Action&lt;T, Stream&gt;</c>.</summary>
    public static Delegate FinishValue(Type type, Delegate write) => Make(nameof(Value), [type], write);

    public static Delegate FinishTask() => new Func<Task, Stream, ValueTask>(static (task, _) => task.IsCompletedSuccessfully ? default : new ValueTask(task));

    public static Delegate FinishValueTask() => new Func<ValueTask, Stream, ValueTask>(static (task, _) => task);

    public static Delegate FinishTaskOf(Type type, Delegate write) => Make(nameof(TaskOf), [type], write);

    public static Delegate FinishValueTaskOf(Type type, Delegate write) => Make(nameof(ValueTaskOf), [type], write);

    /// <summary>Writing a result that is a stream: copied to the output.</summary>
    public static Delegate CopyStream(Type type) => Make(nameof(Copy), [type]);

    // Runs one of the factories below, made for the handler's types: reflection once, at init.
    private static Delegate Make(string factory, Type[] types, params object?[] arguments)
    {
        var method = typeof(HandlerInvoker).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!;
        return (Delegate)(types.Length == 0 ? method : method.MakeGenericMethod(types)).Invoke(null, arguments)!;
    }

    private static Func<Stream, ILambdaContext, T> InputSource<T>(Func<Stream, T> read) => (input, _) => read(input);

    private static Func<Stream, T> StreamAs<T>() => static input => (T)(object)input;

    private static Func<Stream, ILambdaContext, T> ContextSource<T>(Func<ILambdaContext, object>? wrap) =>
        wrap is null ? static (_, context) => (T)context : (_, context) => (T)wrap(context);

    private static Action<Stream, ILambdaContext> Act0(Action target) => (_, _) => target();

    private static Action<Stream, ILambdaContext> Act1<T1>(Action<T1> target, Func<Stream, ILambdaContext, T1> a1) =>
        (input, context) => target(a1(input, context));

    private static Action<Stream, ILambdaContext> Act2<T1, T2>(Action<T1, T2> target, Func<Stream, ILambdaContext, T1> a1, Func<Stream, ILambdaContext, T2> a2) =>
        (input, context) => target(a1(input, context), a2(input, context));

    private static Func<Stream, ILambdaContext, TResult> Call0<TResult>(Func<TResult> target) => (_, _) => target();

    private static Func<Stream, ILambdaContext, TResult> Call1<T1, TResult>(Func<T1, TResult> target, Func<Stream, ILambdaContext, T1> a1) =>
        (input, context) => target(a1(input, context));

    private static Func<Stream, ILambdaContext, TResult> Call2<T1, T2, TResult>(Func<T1, T2, TResult> target, Func<Stream, ILambdaContext, T1> a1, Func<Stream, ILambdaContext, T2> a2) =>
        (input, context) => target(a1(input, context), a2(input, context));

    private static Func<Stream, ILambdaContext, Stream, ValueTask> Void(Action<Stream, ILambdaContext> call) =>
        (input, context, _) =>
        {
            call(input, context);
            return default;
        };

    private static Func<Stream, ILambdaContext, Stream, ValueTask> Bound<TResult>(Func<Stream, ILambdaContext, TResult> call, Func<TResult, Stream, ValueTask> finish) =>
        (input, context, output) => finish(call(input, context), output);

    private static Func<T, Stream, ValueTask> Value<T>(Action<T, Stream> write) =>
        (value, output) =>
        {
            write(value, output);
            return default;
        };

    private static Func<Task<T>, Stream, ValueTask> TaskOf<T>(Action<T, Stream> write) =>
        (task, output) =>
        {
            if (task.IsCompletedSuccessfully)
            {
                write(task.Result, output);
                return default;
            }
            return AwaitAsync(task, write, output);
        };

    private static Func<ValueTask<T>, Stream, ValueTask> ValueTaskOf<T>(Action<T, Stream> write) =>
        (task, output) =>
        {
            if (task.IsCompletedSuccessfully)
            {
                write(task.Result, output);
                return default;
            }
            return AwaitAsync(task.AsTask(), write, output);
        };

    private static async ValueTask AwaitAsync<T>(Task<T> task, Action<T, Stream> write, Stream output) =>
        write(await task.ConfigureAwait(false), output);

    private static Action<T, Stream> Copy<T>() where T : Stream => static (value, output) => value?.CopyTo(output);
}
