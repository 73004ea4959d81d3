using Fulmen.Execution.Logs;
using Fulmen.Execution.RuntimeApi;
using Fulmen.Execution.Runtimes;
using Fulmen.Execution.Sandbox;
using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.Environments;

/// <summary>What every environment shares: how to launch runtimes, limit them, and where their logs and /tmp go.</summary>
public sealed class EnvironmentServices(
    RuntimeLauncher launcher,
    ISandboxFactory sandboxes,
    LogStore logs,
    EnvironmentOptions options,
    TimeProvider time,
    ILoggerFactory loggerFactory)
{
    public RuntimeApiListeners Listeners { get; } = new(loggerFactory);
    public RuntimeLauncher Launcher { get; } = launcher;
    public ISandboxFactory Sandboxes { get; } = sandboxes;
    public LogStore Logs { get; } = logs;
    public EnvironmentOptions Options { get; } = options;
    public TimeProvider Time { get; } = time;
    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
