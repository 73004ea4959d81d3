using System.Globalization;
using System.Text.Json;
using Fulmen.ApiGateway.RestApis;
using Fulmen.ApiGateway.HttpApis;
using Fulmen.Execution.Environments;
using Fulmen.Execution.Logs;
using Fulmen.Execution.Runtimes;
using Fulmen.Execution.Sandbox;
using Fulmen.Functions;
using Fulmen.Functions.Api;
using Fulmen.Functions.Async;
using Fulmen.Functions.Async.Destinations;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Concurrency;
using Fulmen.Functions.EventSources;
using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.FunctionUrls;
using Fulmen.Functions.Invocation;
using Fulmen.LoadBalancing;
using Fulmen.Events;
using Fulmen.Scheduler;
using Fulmen.Scheduler.Api;
using Fulmen.Pipes;
using Fulmen.Buckets;
using Fulmen.Buckets.Notifications;
using Fulmen.Queues;
using Fulmen.Topics;
using Fulmen.Schedules.Firing;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Signing;
using Fulmen.Storage;
using Fulmen.Storage.Code;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fulmen.Server.Hosting;

/// <summary>Builds the server: services, the edge's routes, start-up and shutdown.</summary>
public static class FulmenHost
{
    public static WebApplication Build(ServerOptions options, string[]? args = null)
    {
        options.Validate();
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var endpointUrl = $"http://{options.Host}:{options.Port}";
        // The content root is the install directory, not the working directory: the host watches its content
        // root for configuration changes, and the data directory (default ./.fulmen) is written on every invoke.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. args ?? [], "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // While this category is enabled at any level, ASP.NET Core starts an Activity for every request (for log scopes
        // this server does not use): off, on the invoke path. Its own messages are request logs and start-up warnings;
        // a failed start still reaches the command as the host's exception.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // CreateFunction takes zips up to 50 MB as base64 JSON; AWS's own request cap.
            kestrel.Limits.MaxRequestBodySize = 70_167_211;
            // Function URLs and API Gateway pass a function's header values beyond ASCII (a UTF-8 file name in
            // Content-Disposition) through as UTF-8 bytes, as AWS's fronts do; the fronts refuse control characters
            // and names that are not tokens before writing anything (Fulmen.Functions.Http.HeaderRules).
            kestrel.ResponseHeaderEncodingSelector = static _ => System.Text.Encoding.UTF8;
        });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));

        // Read before anything else opens: a missing or keyless credentials file stops the start with one clear line.
        var credentials = options.CredentialsFile is { Length: > 0 } file
            ? SharedCredentialsFile.ToCredentials(SharedCredentialsFile.Load(file))
            : SigningCredentials.Default;
        // Opened before anything else: an unreachable or too-new database stops the start with one clear line.
        var storage = StorageBackends.OpenAsync(new StorageOptions { DataDirectory = dataDirectory, Database = options.Database }, TimeProvider.System)
            .GetAwaiter().GetResult();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ => storage); // created by a factory, so the container disposes it after the hosted services stopped
        services.AddSingleton(storage.Documents);
        services.AddSingleton(storage.Queues);
        services.AddSingleton(storage.Leases);
        services.AddSingleton(storage.Checkpoints);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton(new CodeStore(dataDirectory, storage.Blobs));
        // Made by the container, so that it is disposed at shutdown and writes its queued log lines.
        services.AddSingleton(provider => new LogStore(dataDirectory, provider.GetRequiredService<ILogger<LogStore>>()));
        services.AddSingleton(SandboxFactory.Detect());
        services.AddSingleton(new RuntimeLauncher());
        var account = new AwsAccount { Region = options.Region, AccountId = options.AccountId };
        services.AddSingleton(account);
        services.AddSingleton(new LambdaOptions
        {
            Region = account.Region,
            AccountId = account.AccountId,
            AccountConcurrency = options.AccountConcurrency,
            MinimumUnreservedConcurrency = Math.Min(100, options.AccountConcurrency / 10),
            EndpointUrl = endpointUrl,
        });
        services.AddSingleton(new EnvironmentOptions
        {
            WorkDirectory = Path.Combine(dataDirectory, "environments"),
            IdleTimeout = options.IdleTimeout,
            EndpointUrl = endpointUrl,
            PrewarmedDotnetHosts = options.PrewarmedDotnetHosts,
            PrewarmedNodeHosts = options.PrewarmedNodeHosts,
            PrewarmedPythonHosts = options.PrewarmedPythonHosts,
        });
        services.AddSingleton<EnvironmentServices>();
        services.AddSingleton<EnvironmentManager>();
        services.AddSingleton<ConcurrencyGate>();
        services.AddSingleton<FunctionCatalog>();
        services.AddSingleton<Invoker>();
        services.AddSingleton(new AsyncOptions
        {
            RetryBase = options.AsyncRetryBase,
            MaxConcurrency = options.AsyncConcurrency,
            NodeId = options.NodeId,
        });
        services.AddSingleton<AsyncScheduler>();
        services.AddSingleton<AsyncEventQueue>();
        services.AddHostedService<AsyncDispatcher>();
        services.AddSingleton<IDestination, LambdaDestination>();
        services.AddEventSourceMappings();
        services.AddSingleton<Destinations>();
        services.AddFulmenMetrics();
        services.AddSignatureVerifier(credentials, options.Region);
        // Every service on the edge declares itself (docs/protocols.md); the store's outage is each one's own 503.
        services.AddAwsService(LambdaService.Api);
        services.AddAwsErrorTranslation<StorageUnavailableException>((e, service) => service.Unavailable(e.ForClients));
        services.AddFunctionUrls();
        services.AddHttpApis();
        services.AddRestApis();
        services.AddLoadBalancing(options.Host);
        services.AddQueues();
        services.AddEvents();
        services.AddTopics(new TopicOptions { EndpointUrl = endpointUrl });
        services.AddScheduleEngine(new ScheduleEngineOptions
        {
            Holder = options.NodeId,
            // A manual clock jumps on purpose: every tick it passes fires, however far it moved.
            CatchUpLimit = options.ManualClock is null ? TimeSpan.FromHours(1) : null,
        }, options.ManualClock is { } start ? new ManualClock(start) : null);
        services.AddScheduler();
        services.AddPipes();
        services.AddBucketNotifications(new BucketNotificationOptions
        {
            HoldLiveDeliveries = Environment.GetEnvironmentVariable(BucketNotificationOptions.HoldVariable) == "1",
        });
        services.AddBuckets(dataDirectory);

        var app = builder.Build();
        // Created now rather than at the first invoke, so pre-started hosts are warm before anyone asks.
        app.Services.GetRequiredService<EnvironmentServices>();
        app.UseAwsEdge(edge =>
        {
            if (options.VerifySignatures)
            {
                // Off by default, and then not in the pipeline at all: the warm invoke path neither buffers nor hashes.
                edge.UseSignatureVerification();
            }
        });
        app.MapLambdaApi();
        app.MapHttpApis();
        app.MapRestApis();
        app.MapSchedulerApi();
        app.MapPipes();
        app.MapTopics();
        app.MapGet("/_fulmen/health", (ISandboxFactory sandbox) => Results.Text(
            JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["status"] = "ready",
                ["sandbox"] = sandbox.Mechanism,
                // Tells a supervisor which process answered: another server may have taken the port it expected.
                ["pid"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            }, HostJsonContext.Default.DictionaryStringString),
            "application/json"));
        LogsEndpoints.Map(app);
        QueueEndpoints.Map(app);
        MappingEndpoints.Map(app);
        ScheduleEndpoints.Map(app);
        EventEndpoints.Map(app);
        OperationsEndpoints.Map(app);
        app.MapFulmenMetrics();

        // Functions are loaded before the server accepts requests, so reservations and code are checked once.
        app.Services.GetRequiredService<FunctionCatalog>().LoadAsync().GetAwaiter().GetResult();
        app.Services.GetRequiredService<MappingStore>().LoadAsync().GetAwaiter().GetResult();
        app.Services.GetRequiredService<HttpApiRepository>().LoadAsync().GetAwaiter().GetResult();
        app.Services.GetRequiredService<RestApiStore>().LoadAsync().GetAwaiter().GetResult();
        app.Services.LoadFunctionUrls();
        app.Services.StartLoadBalancers();
        app.Services.LoadQueues();
        app.Services.LoadEvents();
        app.Services.LoadTopics();
        app.Services.LoadScheduler();
        app.Services.LoadPipes();
        app.Services.LoadBuckets();
        app.Services.LoadBucketNotifications();
        return app;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HostJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
