namespace Fulmen.Server.Hosting;

/// <summary>What <c>fulmen serve</c> takes; every value has a default, so the server needs no setup.</summary>
public sealed class ServerOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 4566;
    public string DataDirectory { get; init; } = ".fulmen";
    public string Region { get; init; } = "us-east-1";
    public string AccountId { get; init; } = "000000000000";
    public int AccountConcurrency { get; init; } = 1000;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Unit of asynchronous retry delays (AWS: 60 s, so retries after 1 and 2 minutes).</summary>
    public TimeSpan AsyncRetryBase { get; init; } = TimeSpan.FromSeconds(60);
    public int AsyncConcurrency { get; init; } = 16;
    /// <summary>Pre-started .NET hosts for dotnet8/dotnet10 cold starts; 0 starts each on demand.</summary>
    public int PrewarmedDotnetHosts { get; init; }
    /// <summary>Pre-started Node.js runtimes for nodejsNN.x cold starts (default 1, when node is installed); 0 starts each on demand.</summary>
    public int PrewarmedNodeHosts { get; init; } = 1;
    /// <summary>Pre-started Python runtimes for python3.NN cold starts (default 1, when python3 is installed); 0 starts each on demand.</summary>
    public int PrewarmedPythonHosts { get; init; } = 1;
    /// <summary>Null: the embedded SQLite database in the data directory; else a PostgreSQL URL (<c>postgresql://user:password@host:port/db</c>).</summary>
    public string? Database { get; init; }
    /// <summary>Names this node's hold on the queued events it runs; must differ between nodes sharing a database.</summary>
    public string NodeId { get; init; } = Environment.MachineName;
    /// <summary>Every AWS API request on the edge port must carry a valid SigV4 signature by a configured credential. Default off.</summary>
    public bool VerifySignatures { get; init; }
    /// <summary>An AWS shared-credentials file whose every profile's key pair the server accepts; null: <c>test</c>/<c>test</c>.</summary>
    public string? CredentialsFile { get; init; }
    /// <summary>
    /// For tests: schedules run on a clock that stands at this time and moves only through <c>POST /_fulmen/clock</c>.
    /// Null: the system clock. Nothing else (leases, event times, ages) reads it.
    /// </summary>
    public DateTimeOffset? ManualClock { get; init; }

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port must be between 0 and 65535, not {Port}.");
        }
        if (Region.Length == 0 || !System.Text.RegularExpressions.Regex.IsMatch(Region, @"^[a-z]{2}(-gov)?-[a-z]+-\d$"))
        {
            throw new ArgumentException($"--region '{Region}' is not a region name such as us-east-1.");
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(AccountId, @"^\d{12}$"))
        {
            throw new ArgumentException($"--account '{AccountId}' must be 12 digits.");
        }
        if (AsyncRetryBase <= TimeSpan.Zero)
        {
            throw new ArgumentException("--async-retry-base must be more than 0 seconds.");
        }
        if (AsyncConcurrency < 1)
        {
            throw new ArgumentException("--async-concurrency must be at least 1.");
        }
        if (PrewarmedDotnetHosts is < 0 or > 64)
        {
            throw new ArgumentException("--prewarmed-dotnet-hosts must be between 0 and 64.");
        }
        if (PrewarmedNodeHosts is < 0 or > 64)
        {
            throw new ArgumentException("--prewarmed-node-hosts must be between 0 and 64.");
        }
        if (PrewarmedPythonHosts is < 0 or > 64)
        {
            throw new ArgumentException("--prewarmed-python-hosts must be between 0 and 64.");
        }
        if (Database is { Length: > 0 } database && !database.StartsWith("postgresql://", StringComparison.Ordinal)
            && !database.StartsWith("postgres://", StringComparison.Ordinal) && !database.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException("--database must be a PostgreSQL address such as postgresql://user:password@127.0.0.1:5432/fulmen.");
        }
        if (NodeId.Length is 0 or > 128)
        {
            throw new ArgumentException("--node-id must be 1 to 128 characters.");
        }
        if (AccountConcurrency < 1)
        {
            throw new ArgumentException("--account-concurrency must be at least 1.");
        }
    }
}
