using System.Globalization;
using Fulmen.Execution.Runtimes;
using Fulmen.Execution.Spawning;

namespace Fulmen.Execution.Environments;

public sealed partial class ExecutionEnvironment
{
    /// <summary>
    /// Spawns the runtime with its output going straight into the log stream, so log lines never pass
    /// through this process. The sandbox's limits hold from the runtime's first instruction: on cgroup v1 the
    /// spawner thread joins the environment's groups first; elsewhere a tiny shell joins them and execs the runtime.
    /// </summary>
    private async Task StartProcessAsync(Sandbox.Sandbox sandbox)
    {
        var (command, problem) = _services.Launcher.Resolve(Spec.Runtime, Spec.CodeDirectory);
        if (command is null)
        {
            throw new RuntimeUnavailableException(problem!);
        }
        if (RuntimeCatalog.KindOf(Spec.Runtime) == RuntimeKind.Provided && !File.Exists(command.FileName))
        {
            _init.TrySetResult(new RuntimeFailure(null,
                "Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]", "Runtime.InvalidEntrypoint"));
            _dead = true;
            return;
        }

        var request = SandboxedSpawn.Request(sandbox, [command.FileName, .. command.Arguments], BuildVariables(command), Spec.CodeDirectory, _log.OutputPath);
        try
        {
            _runtime = await Spawner.SpawnAsync(request);
        }
        catch (SpawnException e)
        {
            // As AWS reports a bootstrap it cannot execute (no execute permission, not a program).
            _init.TrySetResult(new RuntimeFailure(null, $"Error: {e.Message}", "Runtime.InvalidEntrypoint"));
            _dead = true;
            return;
        }
        _ = _runtime.Exited.ContinueWith(static (_, state) => ((ExecutionEnvironment)state!).OnRuntimeExited(),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Takes over a pre-started runtime (.NET host, Node.js or Python bootstrap): its endpoint, process and sandbox become
    /// this environment's, the sandbox gets the function's memory limit, and the runtime is told the function's variables,
    /// code and log stream. The runtime has been in its sandbox's groups since it started, so nothing moves between
    /// cgroups here. False (the host is discarded) when the limit cannot be set; the caller then starts one the usual way.
    /// </summary>
    private bool TryTakeOver(PrewarmedHosts pool, PrewarmedHost host)
    {
        try
        {
            host.Sandbox.LimitMemory(Spec.MemorySize, host.Process.Id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _ = host.DiscardAsync(_services.Time);
            pool.Replenish();
            return false;
        }
        _sandbox = host.Sandbox;
        _api = host.Listener;
        _runtime = host.Process;
        _replenishPool = pool;
        _api.Attach(this);
        var (command, _) = _services.Launcher.Resolve(Spec.Runtime, Spec.CodeDirectory);
        host.Assign(Assignment(BuildVariables(command!)));
        _ = _runtime.Exited.ContinueWith(static (_, state) => ((ExecutionEnvironment)state!).OnRuntimeExited(),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    /// <summary>What a pre-started host is told: <c>{"variables":{…},"workingDirectory":"…","logFile":"…"}</c>.</summary>
    private byte[] Assignment(Dictionary<string, string> variables)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("variables");
            foreach (var (name, value) in variables)
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
            writer.WriteString("workingDirectory", Spec.CodeDirectory);
            writer.WriteString("logFile", _log.OutputPath);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>AWS's variables for the runtime; the function's own variables may not override reserved ones.</summary>
    private Dictionary<string, string> BuildVariables(RuntimeCommand command)
    {
        var options = _services.Options;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin:/opt/bin",
            ["LANG"] = "en_US.UTF-8",
            ["LD_LIBRARY_PATH"] = $"/lib64:/usr/lib64:{Spec.CodeDirectory}:{Spec.CodeDirectory}/lib:/opt/lib",
        };
        foreach (var (name, value) in Spec.Variables)
        {
            variables[name] = value;
        }
        foreach (var (name, value) in command.Environment)
        {
            variables.TryAdd(name, value);
        }
        if (options.EndpointUrl is { } endpoint)
        {
            variables.TryAdd("AWS_ENDPOINT_URL", endpoint);
        }
        variables["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{_api!.Port.ToString(CultureInfo.InvariantCulture)}";
        variables["_HANDLER"] = Spec.Handler;
        variables["AWS_REGION"] = Spec.Region;
        variables["AWS_DEFAULT_REGION"] = Spec.Region;
        variables["AWS_LAMBDA_FUNCTION_NAME"] = Spec.FunctionName;
        variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = Spec.MemorySize.ToString(CultureInfo.InvariantCulture);
        variables["AWS_LAMBDA_FUNCTION_VERSION"] = Spec.Version;
        variables["AWS_LAMBDA_INITIALIZATION_TYPE"] = IsProvisioned ? "provisioned-concurrency" : "on-demand";
        variables["AWS_LAMBDA_LOG_GROUP_NAME"] = Spec.LogGroup;
        variables["AWS_LAMBDA_LOG_STREAM_NAME"] = LogStreamName;
        variables["AWS_ACCESS_KEY_ID"] = options.AccessKeyId;
        variables["AWS_ACCESS_KEY"] = options.AccessKeyId;
        variables["AWS_SECRET_ACCESS_KEY"] = options.SecretAccessKey;
        variables["AWS_SESSION_TOKEN"] = "fulmen";
        variables["LAMBDA_TASK_ROOT"] = Spec.CodeDirectory;
        variables["LAMBDA_RUNTIME_DIR"] = Path.GetDirectoryName(command.Arguments.LastOrDefault() ?? command.FileName) ?? Spec.CodeDirectory;
        variables["TZ"] = ":UTC";
        variables["TMPDIR"] = _tmpDirectory;
        if (RuntimeCatalog.KindOf(Spec.Runtime) != RuntimeKind.Provided)
        {
            variables["AWS_EXECUTION_ENV"] = $"AWS_Lambda_{Spec.Runtime}";
        }
        return variables;
    }

    private void OnRuntimeExited()
    {
        _dead = true;
        // Pairs with the exchange in InvokeAsync: either this sees the invocation, or InvokeAsync sees _dead.
        Interlocked.MemoryBarrier();
        var failure = ExitFailure();
        _init.TrySetResult(failure);
        if (Volatile.Read(ref _current) is { } invocation)
        {
            invocation.TryReply(failure.ToReply(invocation.RequestId));
        }
    }

    /// <summary>What init or an invocation reports when the runtime exited under it, as AWS words it.</summary>
    private RuntimeFailure ExitFailure() =>
        new(null, $"Error: Runtime exited {DescribeExit()}", _sandbox?.WasOutOfMemory() == true ? "Runtime.OutOfMemory" : "Runtime.ExitError");

    /// <summary>The wording AWS uses after "Runtime exited".</summary>
    private string DescribeExit()
    {
        if (_runtime is not { Exited.IsCompletedSuccessfully: true, Exited.Result: { } code })
        {
            return "without providing a reason";
        }
        // A process killed by signal N is reported as 128 + N.
        return code switch
        {
            0 => "without providing a reason",
            > 128 and < 160 => $"with error: signal: {SignalName(code - 128)}",
            _ => $"with error: exit status {code}",
        };
    }

    private static string SignalName(int signal) => signal switch
    {
        9 => "killed",
        15 => "terminated",
        11 => "segmentation fault",
        6 => "aborted",
        _ => $"signal {signal}",
    };
}
