using System;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.RuntimeSupport;

/// <summary>
/// The Runtime API loop of an executable-assembly function: <c>/next</c>, run the handler, <c>/response</c> or
/// <c>/error</c>, against <c>AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
public class LambdaBootstrap : IDisposable
{
    private readonly Func<Stream, ILambdaContext, Stream, Task> _handler;
    private readonly RuntimeApiClient _client;

    internal LambdaBootstrap(Func<Stream, ILambdaContext, Stream, Task> handler)
    {
        _handler = handler;
        var endpoint = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
            ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this program runs as a Lambda function.");
        _client = new RuntimeApiClient(endpoint);
    }

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var logger = new ConsoleLogger();
        // AWS's LambdaLogger writes through a private static delegate that the runtime replaces by reflection.
        typeof(LambdaLogger).GetField("_loggingAction", BindingFlags.NonPublic | BindingFlags.Static)?.SetValue(null, new Action<string>(logger.LogLine));
        while (!cancellationToken.IsCancellationRequested)
        {
            var invocation = await _client.NextAsync(cancellationToken);
            logger.RequestId = invocation.RequestId;
            var context = new LambdaContext(invocation, logger);
            using var input = new MemoryStream(invocation.Payload, writable: false);
            using var output = new MemoryStream();
            Exception failure = null;
            try
            {
                await _handler(input, context, output);
            }
            catch (Exception e)
            {
                failure = e;
            }
            if (failure is null)
            {
                await _client.RespondAsync(invocation.RequestId, output.ToArray(), cancellationToken);
            }
            else
            {
                logger.Log("Error", failure.ToString());
                await _client.ErrorAsync(invocation.RequestId, failure, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}
