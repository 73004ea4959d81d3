using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.RuntimeSupport;

/// <summary>
/// Runs a handler in this process against the Lambda Runtime API (<c>AWS_LAMBDA_RUNTIME_API</c>), for functions
/// that are their own <c>bootstrap</c> on <c>provided.al2023</c>, such as Native AOT builds:
/// <code>await LambdaBootstrapBuilder.Create(handler, new SourceGeneratorLambdaJsonSerializer&lt;MyJsonContext&gt;()).Build().RunAsync();</code>
/// </summary>
public sealed class LambdaBootstrap
{
    private readonly Func<Stream, ILambdaContext, Stream, ValueTask> _handler;

    internal LambdaBootstrap(Func<Stream, ILambdaContext, Stream, ValueTask> handler) => _handler = handler;

    /// <summary>Takes invocations until the process is stopped (or <paramref name="cancellationToken"/> is cancelled).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrEmpty(endpoint))
        {
            throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: run this program as a Lambda function (runtime provided.al2023, the program as `bootstrap`).");
        }
        using var api = new RuntimeApiClient(endpoint);
        var logs = InvocationLoop.RedirectOutput();
        await InvocationLoop.RunAsync(api, logs, _handler, cancellationToken);
    }
}

/// <summary>Builds a <see cref="LambdaBootstrap"/> from a handler delegate; input and output go through the serializer unless they are streams.</summary>
public static class LambdaBootstrapBuilder
{
    public static Builder Create(Func<Stream, ILambdaContext, Task<Stream>> handler) =>
        new(async (input, context, output) => await CopyAsync(await handler(input, context), output));

    public static Builder Create<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(async (input, context, output) => serializer.Serialize(await handler(serializer.Deserialize<TInput>(input), context), output));

    public static Builder Create<TInput, TOutput>(Func<TInput, ILambdaContext, TOutput> handler, ILambdaSerializer serializer) =>
        new((input, context, output) =>
        {
            serializer.Serialize(handler(serializer.Deserialize<TInput>(input), context), output);
            return ValueTask.CompletedTask;
        });

    public static Builder Create<TInput>(Func<TInput, ILambdaContext, Task> handler, ILambdaSerializer serializer) =>
        new(async (input, context, _) => await handler(serializer.Deserialize<TInput>(input), context));

    private static async Task CopyAsync(Stream? result, Stream output)
    {
        if (result is not null)
        {
            await result.CopyToAsync(output);
        }
    }

    /// <summary>The handler, ready to run.</summary>
    public sealed class Builder
    {
        private readonly Func<Stream, ILambdaContext, Stream, ValueTask> _handler;

        internal Builder(Func<Stream, ILambdaContext, Stream, ValueTask> handler) => _handler = handler;

        public LambdaBootstrap Build() => new(_handler);
    }
}
