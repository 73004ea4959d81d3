using System.Runtime.InteropServices;
using System.Text.Json;
using Fulmen.Lambda.Serialization.SystemTextJson;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// A pre-started host: it warms up the runtime before any function exists, then takes on the environment of
/// the function it is given (variables, working directory, log stream), so a cold start pays only for the
/// function's own assembly and init.
/// </summary>
internal static partial class Prewarm
{
    /// <summary>Runs the paths every function needs once (JSON reading and writing, the serializer's reflection).</summary>
    public static void WarmUp()
    {
        var serializer = new DefaultLambdaJsonSerializer();
        using var buffer = new MemoryStream();
        serializer.Serialize(new Dictionary<string, string> { ["warm"] = "up" }, buffer);
        buffer.Position = 0;
        _ = serializer.Deserialize<Dictionary<string, string>>(buffer);
        using var document = JsonDocument.Parse("{\"warm\":[1,true,null]}");
        _ = ErrorJson.Write(new InvalidOperationException("warm-up"));
    }

    /// <summary>Applies the assignment <c>{"variables":{…},"workingDirectory":"…","logFile":"…"}</c>.</summary>
    public static void Apply(byte[] assignment)
    {
        using var document = JsonDocument.Parse(assignment);
        var root = document.RootElement;
        foreach (var variable in root.GetProperty("variables").EnumerateObject())
        {
            Environment.SetEnvironmentVariable(variable.Name, variable.Value.GetString());
        }
        Directory.SetCurrentDirectory(root.GetProperty("workingDirectory").GetString()!);
        // The log stream becomes stdout and stderr, as for a host started for the function.
        using var log = File.Open(root.GetProperty("logFile").GetString()!, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var descriptor = (int)log.SafeFileHandle.DangerousGetHandle();
        if (Dup2(descriptor, 1) < 0 || Dup2(descriptor, 2) < 0)
        {
            throw new IOException($"Could not redirect output to the log stream (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int descriptor, int target);
}
