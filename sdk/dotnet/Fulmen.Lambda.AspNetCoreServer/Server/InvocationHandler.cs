using System.Text.Encodings.Web;
using System.Text.Json;
using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Marshalling;
using Fulmen.Lambda.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Logging;

namespace Fulmen.Lambda.AspNetCoreServer.Server;

/// <summary>One invocation: the event into features, the app's pipeline, the response into the proxy response JSON.</summary>
internal sealed class InvocationHandler<TContext>(IHttpApplication<TContext> application, EventMarshaller marshaller, HostingOptions options, ILogger logger)
    where TContext : notnull
{
    /// <summary>AWS's keys in <c>HttpContext.Items</c>, so that apps that read them find them.</summary>
    public const string LambdaContextKey = "LambdaContext";
    public const string LambdaRequestObjectKey = "LambdaRequestObject";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async ValueTask HandleAsync(Stream input, ILambdaContext lambdaContext, Stream output)
    {
        using var document = await JsonDocument.ParseAsync(input);
        var features = new InvocationFeatures();
        marshaller.ReadRequest(document.RootElement, features);
        features.Items[LambdaContextKey] = lambdaContext;
        features.Items[LambdaRequestObjectKey] = document.RootElement;

        var context = application.CreateContext(features.Collection);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception e)
        {
            failure = e;
            ServerLog.Unhandled(logger, features.Method, features.Path, e);
            features.ResetToError(options.IncludeUnhandledExceptionDetailInResponse ? e : null);
        }
        try
        {
            await features.FinishAsync();
            await using (var json = new Utf8JsonWriter(output, WriterOptions))
            {
                marshaller.WriteResponse(json, features, options);
            }
            await features.FireOnCompletedAsync();
        }
        finally
        {
            application.DisposeContext(context, failure);
        }
    }
}
