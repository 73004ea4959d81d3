namespace Fulmen.Execution.Environments;

public sealed class EnvironmentOptions
{
    /// <summary>Where each environment gets its own scratch directory (its <c>TMPDIR</c>).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>How long a warm environment may stay idle before it is stopped. Default 5 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long init may take before the environment is given up, as AWS's 10-second init limit.</summary>
    public TimeSpan InitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many .NET hosts to keep started and waiting for a dotnet8/dotnet10 cold start. Each costs about 10 MB of its own
    /// while it waits; 0 (the default) starts every host on demand.
    /// </summary>
    public int PrewarmedDotnetHosts { get; init; }

    /// <summary>
    /// How many Node.js runtimes to keep started and waiting for a cold start of any nodejsNN.x function (they all run on the
    /// installed node). Each holds about 42 MB resident (6 MB of its own) while it waits; 0 (the default here) starts every runtime on demand.
    /// </summary>
    public int PrewarmedNodeHosts { get; init; }

    /// <summary>How many Python runtimes to keep waiting for a python3.NN cold start; each holds about 22 MB resident (12 MB of its own) while it waits.</summary>
    public int PrewarmedPythonHosts { get; init; }

    /// <summary>The edge URL handed to functions as <c>AWS_ENDPOINT_URL</c>, so AWS SDKs inside them call this server.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Credentials handed to functions, standing in for the execution role's.</summary>
    public string AccessKeyId { get; init; } = "fulmen";
    public string SecretAccessKey { get; init; } = "fulmen";
}
