using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// The real Fulmen server as a child process on a free loopback port with its own data directory (and, when the run
/// is on PostgreSQL, its own database: <see cref="TestDatabases"/>). Stop sends SIGTERM (a clean shutdown); Crash sends SIGKILL.
/// </summary>
public sealed class FulmenServer : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private FulmenServer(string dataDirectory, IReadOnlyList<string> extraArguments, IReadOnlyDictionary<string, string> environment)
    {
        DataDirectory = dataDirectory;
        ExtraArguments = extraArguments;
        Environment = environment;
    }

    /// <summary>Variables set for the server process on top of the test's own (e.g. a PATH without node).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public string DataDirectory { get; }
    public IReadOnlyList<string> ExtraArguments { get; private set; }
    public int Port { get; private set; }
    public string Endpoint => $"http://127.0.0.1:{Port}";
    public int ProcessId => _process!.Id;
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static Task<FulmenServer> StartAsync(params string[] extraArguments) =>
        StartAsync(new Dictionary<string, string>(), extraArguments);

    public static async Task<FulmenServer> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var data = Directory.CreateTempSubdirectory("fulmen-test-").FullName;
        if (TestDatabases.OnPostgreSql && !extraArguments.Contains("--database"))
        {
            extraArguments = [.. extraArguments, "--database", await TestDatabases.CreateAsync(TestDatabases.ClusterUrl)];
        }
        var server = new FulmenServer(data, extraArguments, environment);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Starts the server again on the same data directory (after <see cref="StopAsync"/> or <see cref="Crash"/>).</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>Starts the server again on the same data directory with other arguments (e.g. a later manual clock).</summary>
    public Task RestartAsync(IReadOnlyList<string> extraArguments)
    {
        ExtraArguments = extraArguments;
        return StartProcessAsync();
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fulmen.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Fulmen.slnx).");
    }

    /// <summary>The server binary built alongside this test assembly (same configuration).</summary>
    public static string ServerDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var dll = Path.Combine(RepositoryRoot, "artifacts", "bin", "Fulmen.Server", configuration, "fulmen.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The server was not built: {dll}");
    }

    private async Task StartProcessAsync()
    {
        if (_process is { HasExited: false })
        {
            // A second process on the same data would outlive the test and answer for the first: stop or crash it first.
            throw new InvalidOperationException("The server is still running: StopAsync or Crash it before RestartAsync.");
        }
        // The free port is found before the server binds it, so another test process may take it in between:
        // the server then fails to bind, or another server answers the health check. Both retry on a new port.
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartOnFreePortAsync() || attempt == 3)
            {
                return;
            }
        }
    }

    /// <summary>Starts the process and waits for it to be healthy; false when its port was taken by someone else.</summary>
    private async Task<bool> TryStartOnFreePortAsync()
    {
        _process?.Dispose();
        var outputBefore = Output.Length;
        Port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ServerDll(), "serve", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", DataDirectory }.Concat(ExtraArguments))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ownPid = $"\"pid\":\"{process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                if (Output[outputBefore..].Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
                throw new InvalidOperationException($"The server exited during start-up ({process.ExitCode}):\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri($"{Endpoint}/_fulmen/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    if ((await response.Content.ReadAsStringAsync()).Contains(ownPid, StringComparison.Ordinal))
                    {
                        return true;
                    }
                    // Another test's server holds the port; ours cannot bind it.
                    process.Kill();
                    await process.WaitForExitAsync();
                    return false;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The server did not become healthy within 60 s:\n{Output}");
    }

    /// <summary>SIGTERM, then waits for the server to exit by itself.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process!;
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the server gets no chance to clean up, as in a crash.</summary>
    public void Crash()
    {
        _process!.Kill();
        _process.WaitForExit();
    }

    /// <summary>
    /// Processes whose environment or working directory is in this server's data directory: everything it started. A
    /// pre-started runtime keeps the environment it was started with once a function takes it, but works in the
    /// function's code directory. Runtimes still waiting in a pool (their working directory is the pool's) count only
    /// with <paramref name="includeWaiting"/>: the pool keeps them while the server runs.
    /// </summary>
    public IReadOnlyList<int> ProcessesStartedByServer(bool includeWaiting = false)
    {
        var pool = Path.Combine(DataDirectory, "environments", "prewarmed");
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == System.Environment.ProcessId || pid == _process?.Id)
            {
                continue;
            }
            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ"));
                var cwd = new DirectoryInfo(Path.Combine(directory, "cwd")).LinkTarget;
                if ((environment.Contains(DataDirectory, StringComparison.Ordinal) || cwd?.StartsWith(DataDirectory + "/", StringComparison.Ordinal) == true)
                    && (includeWaiting || cwd != pool))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                await StopAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
