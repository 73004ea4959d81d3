using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Fulmen.Bench.Targets;

/// <summary>
/// A server the benchmark starts (Fulmen, or the bare stand-in) on a free loopback port. Its output
/// goes to a log file for post-mortems; stopping asks politely first (SIGTERM, or closing stdin).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LogFile _log;
    private readonly bool _stopByClosingInput;

    private ServerProcess(Process process, LogFile log, int port, bool stopByClosingInput)
    {
        _process = process;
        _log = log;
        Port = port;
        _stopByClosingInput = stopByClosingInput;
    }

    public int Port { get; }
    public int ProcessId => _process.Id;
    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="fileName"/> and waits until <paramref name="readyPath"/> answers (any status).</summary>
    public static async Task<ServerProcess> StartAsync(string fileName, IEnumerable<string> arguments, int port, string logFile, string readyPath, bool stopByClosingInput, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stopByClosingInput,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var log = new LogFile(logFile);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, port, stopByClosingInput);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{fileName} exited during start-up with {process.ExitCode}; see {logFile}.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(server.BaseUri, readyPath));
                return server;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"{fileName} did not answer on port {port} within 60 s; see {logFile}.");
    }

    /// <summary>
    /// <c>fulmen serve</c> from <paramref name="serverDirectory"/> on a free port, with the layout it has out of
    /// the box: the data directory is <c>.fulmen</c> under its working directory <paramref name="home"/>.
    /// </summary>
    public static Task<ServerProcess> StartFulmenAsync(string serverDirectory, string home, string logFile, params string[] extraArguments)
    {
        var port = FreePort();
        return StartAsync("dotnet",
            [Path.Combine(serverDirectory, "fulmen.dll"), "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", ".fulmen", .. extraArguments],
            port, logFile, "/_fulmen/health", stopByClosingInput: false, workingDirectory: home);
    }

    private static void Write(LogFile log, string? line)
    {
        if (line is not null)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>The server's output file; lines that arrive after it is closed are dropped.</summary>
    private sealed class LogFile(string path) : IDisposable
    {
        private readonly StreamWriter _writer = new(path) { AutoFlush = true };
        private bool _closed;

        public void WriteLine(string line)
        {
            lock (_writer)
            {
                if (!_closed)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public void Dispose()
        {
            lock (_writer)
            {
                _closed = true;
                _writer.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (_stopByClosingInput)
            {
                _process.StandardInput.Close();
            }
            else
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _log.Dispose();
    }
}
