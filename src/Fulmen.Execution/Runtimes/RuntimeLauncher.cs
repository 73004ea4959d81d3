namespace Fulmen.Execution.Runtimes;

/// <summary>The command line that starts a runtime, or why this machine cannot start it.</summary>
public sealed record RuntimeCommand(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);

/// <summary>Resolves runtimes to commands. Interpreters are looked up on PATH once and remembered.</summary>
public sealed class RuntimeLauncher
{
    private readonly string _runtimesDirectory;
    private readonly Lazy<string?> _node = new(() => FindOnPath("node"));
    // The server runs on .NET 10 already: its own `dotnet` runs the host; net8.0 functions load into it unchanged.
    private readonly Lazy<string?> _dotnet = new(() =>
        Path.GetFileName(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath : FindOnPath("dotnet") ?? FindIn("/usr/share/dotnet", "dotnet") ?? FindIn("/usr/lib/dotnet", "dotnet"));
    // Version managers put shell shims on PATH; asking the interpreter for its real path skips the shim on every start.
    private readonly Lazy<string?> _python = new(() => RealExecutable(FindOnPath("python3"), "-c", "import sys; print(sys.executable)"));

    public RuntimeLauncher(string? runtimesDirectory = null)
    {
        _runtimesDirectory = runtimesDirectory ?? Path.Combine(AppContext.BaseDirectory, "runtimes");
    }

    /// <summary>The command for a runtime, or a message naming what to install.</summary>
    public (RuntimeCommand? Command, string? Problem) Resolve(string runtime, string codeDirectory)
    {
        switch (RuntimeCatalog.KindOf(runtime))
        {
            case RuntimeKind.Provided:
                var bootstrap = Path.Combine(codeDirectory, "bootstrap");
                return (new RuntimeCommand(bootstrap, [], Empty), null);
            case RuntimeKind.NodeJs:
                return _node.Value is { } node
                    ? (new RuntimeCommand(node, [Path.Combine(_runtimesDirectory, "nodejs", "bootstrap.js")],
                        new Dictionary<string, string> { ["NODE_PATH"] = $"{codeDirectory}/node_modules" }), null)
                    : (null, $"The runtime {runtime} needs Node.js, which is not installed on this machine. Install it (for example `apt-get install nodejs`) and invoke again.");
            case RuntimeKind.Python:
                return _python.Value is { } python
                    ? (new RuntimeCommand(python, ["-u", Path.Combine(_runtimesDirectory, "python", "bootstrap.py")],
                        new Dictionary<string, string> { ["PYTHONUNBUFFERED"] = "1" }), null)
                    : (null, $"The runtime {runtime} needs Python 3, which is not installed on this machine. Install it (for example `apt-get install python3`) and invoke again.");
            case RuntimeKind.Dotnet:
                return _dotnet.Value is { } dotnet
                    ? (new RuntimeCommand(dotnet, [DotnetHost], Empty), null)
                    : (null, $"The runtime {runtime} needs the .NET 10 runtime, which is not installed on this machine. Install it (for example `apt-get install dotnet-runtime-10.0`) and invoke again.");
            default:
                return (null, $"The runtime {runtime} is not supported by this Fulmen server yet. Use provided.al2023 with a bootstrap, nodejs20.x/22.x, python3.11-3.13 or dotnet8/dotnet10.");
        }
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>Fulmen's .NET host, which loads the function's assembly (see sdk/dotnet/Fulmen.Lambda.RuntimeHost).</summary>
    public string DotnetHost => Path.Combine(_runtimesDirectory, "dotnet", "Fulmen.Lambda.RuntimeHost.dll");

    /// <summary>The dotnet executable that runs the host, or null when .NET is not installed.</summary>
    public string? DotnetExecutable => _dotnet.Value;

    private static string? FindIn(string directory, string program) =>
        File.Exists(Path.Combine(directory, program)) ? Path.Combine(directory, program) : null;

    private static string? RealExecutable(string? program, params string[] arguments)
    {
        if (program is null)
        {
            return null;
        }
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var path = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && File.Exists(path) ? path : program;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
