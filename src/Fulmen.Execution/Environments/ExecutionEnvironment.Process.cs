using System.Diagnostics;
using System.Globalization;
using Fulmen.Execution.Runtimes;

namespace Fulmen.Execution.Environments;

public sealed partial class ExecutionEnvironment
{
    /// <summary>
    /// Starts the runtime through a tiny shell that first puts itself under the sandbox's limits and
    /// sends its output into the log stream, then execs the runtime: the limits cover the runtime from
    /// its first instruction, and log lines never pass through this process.
    /// </summary>
    private void StartProcess()
    {
        var (command, problem) = _services.Launcher.Resolve(Spec.Runtime, Spec.CodeDirectory);
        if (command is null)
        {
            throw new RuntimeUnavailableException(problem!);
        }
        if (RuntimeCatalog.KindOf(Spec.Runtime) == RuntimeKind.Provided && !File.Exists(command.FileName))
        {
            _init.TrySetResult(new InitFailure(null,
                "Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]", "Runtime.InvalidEntrypoint"));
            _dead = true;
            return;
        }

        var script = $"{_sandbox.ShellPrologue}exec \"$0\" \"$@\" </dev/null >>{Quote(_log.Path)} 2>&1";
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = Spec.CodeDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command.FileName);
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        foreach (var (name, value) in BuildVariables(command))
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Exited += (_, _) => OnRuntimeExited();
        _process = process;
        process.Start();
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
        variables["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
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
        var status = DescribeExit();
        _init.TrySetResult(new InitFailure(null, $"Error: Runtime exited {status}", _sandbox.WasOutOfMemory() ? "Runtime.OutOfMemory" : "Runtime.ExitError"));
        if (Volatile.Read(ref _current) is { } invocation)
        {
            invocation.TryReply(ExitReply(invocation.RequestId));
        }
    }

    /// <summary>The error an invocation gets when the runtime exited under it, as AWS words it.</summary>
    private RuntimeReply ExitReply(string requestId) =>
        PlatformError.Reply(_sandbox.WasOutOfMemory() ? "Runtime.OutOfMemory" : "Runtime.ExitError",
            $"RequestId: {requestId} Error: Runtime exited {DescribeExit()}");

    /// <summary>The wording AWS uses after "Runtime exited".</summary>
    private string DescribeExit()
    {
        int code;
        try
        {
            code = _process!.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return "without providing a reason";
        }
        // .NET reports a process killed by signal N as 128 + N.
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

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
