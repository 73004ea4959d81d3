using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Fulmen.Lambda.AspNetCoreServer.Hosting;
using Fulmen.Lambda.AspNetCoreServer.Server;
using Fulmen.Lambda.RuntimeSupport;
using Fulmen.Lambda.Serialization.SystemTextJson;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi)</c>, as with AWS's Amazon.Lambda.AspNetCoreServer.Hosting.</summary>
public static class LambdaHostingServiceCollectionExtensions
{
    /// <summary>
    /// Inside a Lambda execution environment (<c>AWS_LAMBDA_RUNTIME_API</c> set) replaces Kestrel with a server that
    /// takes the events of <paramref name="eventSource"/> from the Runtime API and answers each with the app's
    /// response. Anywhere else it does nothing, and the app runs on Kestrel as usual.
    /// </summary>
    public static IServiceCollection AddAWSLambdaHosting(this IServiceCollection services, LambdaEventSource eventSource, Action<HostingOptions>? configure = null)
    {
        var endpoint = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrEmpty(endpoint))
        {
            return services;
        }
        var options = new HostingOptions();
        configure?.Invoke(options);
        // Console output becomes log entries with the request id from here on, before the app's console logger
        // takes hold of Console.Out when the app is built.
        var logs = InvocationLoop.RedirectOutput();
        services.RemoveAll<IServer>();
        services.AddSingleton(new LambdaHosting(endpoint, eventSource, options, logs));
        services.AddSingleton<IServer, LambdaServer>();
        return services;
    }

    /// <summary>
    /// The overload AWS offers for trimmed and Native AOT apps. Fulmen reads the events without a serializer, so
    /// <paramref name="serializer"/> is accepted for source compatibility and kept in <see cref="HostingOptions.Serializer"/>.
    /// </summary>
    public static IServiceCollection AddAWSLambdaHosting<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        this IServiceCollection services, LambdaEventSource eventSource, SourceGeneratorLambdaJsonSerializer<T> serializer, Action<HostingOptions>? configure = null)
        where T : JsonSerializerContext =>
        services.AddAWSLambdaHosting(eventSource, options =>
        {
            options.Serializer = serializer;
            configure?.Invoke(options);
        });
}
