using System.Reflection;
using System.Runtime.Loader;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// Loads the function's assemblies from its code directory into the default load context, resolving
/// dependencies (managed and native) through the function's <c>.deps.json</c> when it has one and by
/// file name otherwise. Fulmen.Lambda.Core always comes from the host, so the context and logger the host
/// hands over are the types the function was compiled against.
/// </summary>
internal static class FunctionAssemblies
{
    public static Assembly Load(string taskRoot, string assemblyName)
    {
        var path = Path.Combine(taskRoot, assemblyName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? assemblyName : assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new LambdaValidationException(
                $"Could not find the specified handler assembly with the file name '{assemblyName}, Culture=neutral, PublicKeyToken=null'. The assembly should be located in the root of your uploaded .zip file.");
        }
        AssemblyDependencyResolver? resolver = null;
        if (File.Exists(Path.ChangeExtension(path, ".deps.json")))
        {
            resolver = new AssemblyDependencyResolver(path);
        }
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var file = resolver?.ResolveAssemblyToPath(name) ?? Path.Combine(taskRoot, name.Name + ".dll");
            return File.Exists(file) ? context.LoadFromAssemblyPath(file) : null;
        };
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) =>
            resolver?.ResolveUnmanagedDllToPath(name) is { } file ? System.Runtime.InteropServices.NativeLibrary.Load(file) : IntPtr.Zero;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException e)
        {
            throw new LambdaValidationException($"Unable to load assembly '{assemblyName}'. {e.Message}");
        }
    }
}
