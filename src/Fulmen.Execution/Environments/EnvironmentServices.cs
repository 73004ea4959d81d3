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
        Prewarmed = new PrewarmedPools(this);
        Prewarmed.Fill();
    }

    public RuntimeApiListeners Listeners { get; }

    /// <summary>Pre-started runtimes for cold starts, one pool per runtime kind (sizes in <see cref="EnvironmentOptions"/>).</summary>
    public PrewarmedPools Prewarmed { get; }
    public RuntimeLauncher Launcher { get; }
    public ISandboxFactory Sandboxes { get; }
    public LogStore Logs { get; }
    public EnvironmentOptions Options { get; }
    public TimeProvider Time { get; }
    public ILoggerFactory LoggerFactory { get; }
}
