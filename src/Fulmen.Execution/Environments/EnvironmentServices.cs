using Fulmen.Execution.Logs;
using Fulmen.Execution.RuntimeApi;
using Fulmen.Execution.Runtimes;
using Fulmen.Execution.Sandbox;
using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.Environments;

/// <summary>What every environment shares: how to launch runtimes, limit them, and where their logs and /tmp go.</summary>
public sealed class EnvironmentServices
{
    public EnvironmentServices(
        RuntimeLauncher launcher,
        ISandboxFactory sandboxes,
        LogStore logs,
        EnvironmentOptions options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        Launcher = launcher;
        Sandboxes = sandboxes;
        Logs = logs;
        Options = options;
        Time = time;
        LoggerFactory = loggerFactory;
        Listeners = new RuntimeApiListeners(loggerFactory);
        Prewarmed = new PrewarmedHosts(this);
        Prewarmed.Fill();
    }

    public RuntimeApiListeners Listeners { get; }

    /// <summary>Pre-started .NET hosts for dotnet8/dotnet10 cold starts (none unless configured).</summary>
    public PrewarmedHosts Prewarmed { get; }
    public RuntimeLauncher Launcher { get; }
    public ISandboxFactory Sandboxes { get; }
    public LogStore Logs { get; }
    public EnvironmentOptions Options { get; }
    public TimeProvider Time { get; }
    public ILoggerFactory LoggerFactory { get; }
}
