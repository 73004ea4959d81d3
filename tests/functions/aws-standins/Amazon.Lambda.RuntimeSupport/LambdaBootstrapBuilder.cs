using System;
using System.IO;
using System.Threading.Tasks;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.RuntimeSupport;

/// <summary>Builds a <see cref="LambdaBootstrap"/> from a handler delegate and the serializer for its input and output.</summary>
public class LambdaBootstrapBuilder
{
    private readonly Func<Stream, ILambdaContext, Stream, Task> _handler;

    private LambdaBootstrapBuilder(Func<Stream, ILambdaContext, Stream, Task> handler)
    {
        _handler = handler;
    }

    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<Stream>> handler) =>
        new(async (input, context, output) =>
        {
            var result = await handler(input, context);
            if (result is not null)
            {
                await result.CopyToAsync(output);
            }
        });

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(async (input, context, output) => serializer.Serialize(await handler(serializer.Deserialize<TInput>(input), context), output));

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, TOutput> handler, ILambdaSerializer serializer) =>
        new((input, context, output) =>
        {
            serializer.Serialize(handler(serializer.Deserialize<TInput>(input), context), output);
            return Task.CompletedTask;
        });

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, ILambdaContext, Task> handler, ILambdaSerializer serializer) =>
        new((input, context, _) => handler(serializer.Deserialize<TInput>(input), context));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(async (_, context, output) => serializer.Serialize(await handler(context), output));

    public LambdaBootstrap Build() => new(_handler);
}
