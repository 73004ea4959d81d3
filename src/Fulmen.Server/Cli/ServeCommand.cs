using System.CommandLine;
using Fulmen.Execution.Sandbox;
using Fulmen.Protocols.Signing;
using Fulmen.Server.Hosting;
using Fulmen.Storage;
using Fulmen.Storage.Schema;

namespace Fulmen.Server.Cli;

/// <summary><c>fulmen serve</c>: runs the server until SIGINT or SIGTERM, then stops every environment.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port of the edge endpoint.", DefaultValueFactory = _ => 4566 };
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var dataDir = new Option<string>("--data-dir") { Description = "Where functions, code and logs are kept.", DefaultValueFactory = _ => ".fulmen" };
        var region = new Option<string>("--region") { Description = "Region in ARNs.", DefaultValueFactory = _ => "us-east-1" };
        var account = new Option<string>("--account") { Description = "Account id in ARNs.", DefaultValueFactory = _ => "000000000000" };
        var concurrency = new Option<int>("--account-concurrency") { Description = "Concurrent executions across all functions.", DefaultValueFactory = _ => 1000 };
        var idle = new Option<int>("--idle-timeout") { Description = "Seconds a warm environment may stay idle before it is stopped.", DefaultValueFactory = _ => 300 };
        var retryBase = new Option<double>("--async-retry-base") { Description = "Seconds; asynchronous retries wait 1x then 2x this after function errors, throttles back off up to 5x (AWS: 60).", DefaultValueFactory = _ => 60 };
        var asyncConcurrency = new Option<int>("--async-concurrency") { Description = "Queued asynchronous events run at once across all functions.", DefaultValueFactory = _ => 16 };
        var prewarmed = new Option<int>("--prewarmed-dotnet-hosts") { Description = "Pre-started .NET hosts kept waiting for dotnet8/dotnet10 cold starts (each holds about 10 MB of its own while it waits).", DefaultValueFactory = _ => 0 };
        var prewarmedNode = new Option<int>("--prewarmed-node-hosts") { Description = "Pre-started Node.js runtimes kept waiting for nodejsNN.x cold starts, when node is installed (each holds about 42 MB resident, 6 MB of its own, while it waits).", DefaultValueFactory = _ => 1 };
        var prewarmedPython = new Option<int>("--prewarmed-python-hosts") { Description = "Pre-started Python runtimes kept waiting for python3.NN cold starts, when python3 is installed (each holds about 22 MB resident, 12 MB of its own, while it waits).", DefaultValueFactory = _ => 1 };
        var database = new Option<string?>("--database")
        {
            Description = "PostgreSQL to keep state in, postgresql://user:password@host:port/db (default: FULMEN_DATABASE, else SQLite in the data directory).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FULMEN_DATABASE"),
        };
        var nodeId = new Option<string>("--node-id") { Description = "This node's name in the shared store (default: the host name).", DefaultValueFactory = _ => Environment.MachineName };
        var verifySignatures = new Option<bool>("--verify-signatures")
        {
            Description = "Require a valid SigV4 signature by a configured credential on every AWS API request (default: FULMEN_VERIFY_SIGNATURES=1, else off).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FULMEN_VERIFY_SIGNATURES") is "1" or "true",
        };
        var credentials = new Option<string?>("--credentials")
        {
            Description = "AWS shared-credentials file whose every profile's key pair is accepted (default: FULMEN_CREDENTIALS, else test/test).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(SharedCredentialsFile.Variable),
        };
        var manualClock = new Option<DateTimeOffset?>("--manual-clock")
        {
            Description = "For tests: run schedules on a clock standing at this time (e.g. 2026-03-08T09:59:00Z), moved only by POST /_fulmen/clock.",
        };
        var command = new Command("serve", "Run the Fulmen server.")
        {
            port, host, dataDir, region, account, concurrency, idle, retryBase, asyncConcurrency, prewarmed, prewarmedNode, prewarmedPython, database, nodeId, verifySignatures, credentials,
            manualClock,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ServerOptions
            {
                Port = result.GetValue(port),
                Host = result.GetValue(host)!,
                DataDirectory = result.GetValue(dataDir)!,
                Region = result.GetValue(region)!,
                AccountId = result.GetValue(account)!,
                AccountConcurrency = result.GetValue(concurrency),
                IdleTimeout = TimeSpan.FromSeconds(Math.Max(1, result.GetValue(idle))),
                AsyncRetryBase = TimeSpan.FromSeconds(result.GetValue(retryBase)),
                AsyncConcurrency = result.GetValue(asyncConcurrency),
                PrewarmedDotnetHosts = result.GetValue(prewarmed),
                PrewarmedNodeHosts = result.GetValue(prewarmedNode),
                PrewarmedPythonHosts = result.GetValue(prewarmedPython),
                Database = result.GetValue(database) is { Length: > 0 } url ? url : null,
                NodeId = result.GetValue(nodeId)!,
                VerifySignatures = result.GetValue(verifySignatures),
                CredentialsFile = result.GetValue(credentials) is { Length: > 0 } file ? file : null,
                ManualClock = result.GetValue(manualClock),
            };
            WebApplication app;
            try
            {
                app = FulmenHost.Build(options);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"fulmen: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is StorageUnavailableException or SchemaTooNewException or CredentialsFileException)
            {
                await Console.Error.WriteLineAsync($"fulmen: {e.Message}");
                return 1;
            }
            await app.StartAsync(cancellationToken);
            var sandbox = app.Services.GetRequiredService<ISandboxFactory>().Mechanism;
            var storage = app.Services.GetRequiredService<StorageBackend>();
            Console.WriteLine($"Fulmen is ready on http://{options.Host}:{options.Port} (data: {Path.GetFullPath(options.DataDirectory)}, store: {storage.Kind} {storage.Location}, limits: {sandbox}). Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(CancellationToken.None);
            await app.DisposeAsync();
            Console.WriteLine("Fulmen stopped.");
            return 0;
        });
        return command;
    }
}
