using System.Collections;
using System.Runtime.InteropServices;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// Executable-assembly handlers: the handler is only the assembly's name and the program's <c>Main</c> runs its own
/// Runtime API loop (AWS's <c>Amazon.Lambda.RuntimeSupport</c>, ASP.NET Core hosting). As AWS's runtime does, the
/// program is run with <c>dotnet exec</c> and its own <c>.runtimeconfig.json</c> and <c>.deps.json</c>; the host
/// replaces itself with it (<c>execve</c>), so the process, its limits and its log stream stay the environment's.
/// </summary>
internal static partial class ExecutableAssembly
{
    /// <summary>A handler without <c>::</c>: <c>MyFunction</c> (or <c>MyFunction.dll</c>).</summary>
    public static bool IsExecutableHandler(string? handler) =>
        !string.IsNullOrWhiteSpace(handler) && !handler.Contains("::", StringComparison.Ordinal);

    /// <summary>Does not return when it succeeds; throws when the program is missing or cannot be started.</summary>
    public static void Exec(string taskRoot, string handler)
    {
        var name = handler.Trim();
        var path = Path.Combine(taskRoot, name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? name : name + ".dll");
        if (!File.Exists(path))
        {
            throw new LambdaValidationException(
                $"Could not find the specified handler assembly with the file name '{name}, Culture=neutral, PublicKeyToken=null'. The assembly should be located in the root of your uploaded .zip file.");
        }
        if (!File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
        {
            throw new LambdaValidationException(
                $"The handler '{name}' names an assembly without a '{Path.GetFileNameWithoutExtension(path)}.runtimeconfig.json': an executable-assembly handler needs a published program (OutputType Exe). A class library needs the handler 'Assembly::Namespace.Type::Method'.");
        }
        var dotnet = Environment.ProcessPath ?? "dotnet";
        // Both runtimes run on the machine's .NET 10: a net8.0 program rolls forward to it, as class libraries load into it.
        string[] arguments = [dotnet, "exec", "--roll-forward", "Major", path];
        // Variables a pre-started host was given live in .NET's copy of the environment: pass that copy on.
        var variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(v => (string)v.Key != "FULMEN_PREWARMED")
            .Select(v => $"{v.Key}={v.Value}")
            .ToArray();
        Console.Out.Flush();
        var argv = Strings(arguments);
        var envp = Strings(variables);
        Execve(dotnet, argv, envp);
        throw new IOException($"Could not start '{dotnet} exec {path}' (errno {Marshal.GetLastPInvokeError()}).");
    }

    // NULL-terminated arrays of UTF-8 strings; never freed: on success the process image is replaced.
    private static nint[] Strings(string[] values)
    {
        var result = new nint[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
        }
        return result;
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, nint[] argv, nint[] envp);
}
