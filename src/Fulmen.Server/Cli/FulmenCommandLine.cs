using System.CommandLine;
using Fulmen.Server.Cli.Authoring;

namespace Fulmen.Server.Cli;

/// <summary>
/// The <c>fulmen</c> command: <c>serve</c> runs the server; <c>functions</c>, <c>invoke</c>, <c>logs</c> and <c>queue</c> talk to a
/// running one; <c>new</c>, <c>package</c> and <c>deploy-function</c> make and ship C# functions (Authoring/).
/// </summary>
public static class FulmenCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Fulmen: a self-hosted, AWS Lambda compatible function platform.")
        {
            ServeCommand.Create(),
            ClientCommands.Functions(),
            ClientCommands.Invoke(),
            LogsCommand.Create(),
            QueueCommand.Create(),
            MappingsCommand.Create(),
            EventsCommand.Create(),
            NewCommand.Create(),
            PackageCommand.Create(),
            DeployFunctionCommand.Create(),
        };
        return root;
    }

    /// <summary>The option every client command takes, defaulting to <c>FULMEN_ENDPOINT</c> or the local server.</summary>
    public static Option<string> EndpointOption() => new("--endpoint-url")
    {
        Description = "The Fulmen server to talk to (default: $FULMEN_ENDPOINT or http://127.0.0.1:4566).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FULMEN_ENDPOINT") is { Length: > 0 } endpoint
            ? endpoint
            : "http://127.0.0.1:4566",
    };
}
