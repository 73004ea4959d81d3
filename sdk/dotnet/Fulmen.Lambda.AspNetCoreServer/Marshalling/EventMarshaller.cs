using System.Text.Json;
using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Lambda.AspNetCoreServer.Marshalling;

/// <summary>One event source's shapes: its event into request features, the app's response into its proxy response.</summary>
internal abstract class EventMarshaller
{
    public static EventMarshaller For(LambdaEventSource source) => source switch
    {
        LambdaEventSource.HttpApi => new HttpApiV2Marshaller(),
        LambdaEventSource.RestApi => new RestApiMarshaller(),
        LambdaEventSource.ApplicationLoadBalancer => new LoadBalancerMarshaller(),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, $"Event source type {source} unknown"),
    };

    public abstract void ReadRequest(JsonElement root, InvocationFeatures features);

    public abstract void WriteResponse(Utf8JsonWriter json, InvocationFeatures features, HostingOptions options);
}
