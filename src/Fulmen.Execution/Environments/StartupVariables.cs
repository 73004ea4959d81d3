using Fulmen.Execution.Runtimes;

namespace Fulmen.Execution.Environments;

/// <summary>
/// Variables a runtime reads once, as its process starts (the dynamic linker's, NODE_OPTIONS, PYTHON*…). A pre-started
/// runtime has started already, so a function that sets one of them gets a runtime started for it instead.
/// The few that the bootstraps apply again when they take on a function (NODE_PATH, PYTHONPATH) do not count.
/// </summary>
internal static class StartupVariables
{
    public static bool AnySet(RuntimeKind kind, IReadOnlyDictionary<string, string> variables)
    {
        if (variables.Count == 0)
        {
            return false;
        }
        foreach (var name in variables.Keys)
        {
            if (name.StartsWith("LD_", StringComparison.Ordinal) || name.StartsWith("MALLOC_", StringComparison.Ordinal))
            {
                return true;
            }
            var read = kind switch
            {
                RuntimeKind.NodeJs => (name.StartsWith("NODE_", StringComparison.Ordinal) && name != "NODE_PATH") || name.StartsWith("UV_", StringComparison.Ordinal),
                RuntimeKind.Python => name.StartsWith("PYTHON", StringComparison.Ordinal) && name is not ("PYTHONPATH" or "PYTHONUNBUFFERED"),
                RuntimeKind.Dotnet => name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("COMPlus_", StringComparison.Ordinal),
                _ => false,
            };
            if (read)
            {
                return true;
            }
        }
        return false;
    }
}
