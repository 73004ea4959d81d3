namespace Fulmen.Server.Cli.Authoring;

/// <summary>
/// A C# function project found from what the user typed: a .csproj, a folder holding one, or a folder made by
/// <c>fulmen new</c> (one project under <c>src/</c>). Its settings come from the fulmen.json next to it.
/// </summary>
internal sealed class FunctionProject
{
    private FunctionProject(string projectFile, string root)
    {
        ProjectFile = projectFile;
        Root = root;
        Settings = FunctionSettings.Read(Path.Combine(ProjectDirectory, FunctionSettings.FileName));
    }

    public string ProjectFile { get; }

    /// <summary>The folder the user named (the project's own folder when they named the .csproj).</summary>
    public string Root { get; }

    public string Name => Path.GetFileNameWithoutExtension(ProjectFile);

    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    public FunctionSettings Settings { get; }

    /// <summary>Where <c>fulmen package</c> puts the zip unless told otherwise: <c>ROOT/bin/NAME.zip</c>.</summary>
    public string DefaultZip => Path.Combine(Root, "bin", Name + ".zip");

    public static FunctionProject Find(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                ? new FunctionProject(full, Path.GetDirectoryName(full)!)
                : throw new CliException($"{path} is not a C# project (.csproj).");
        }
        if (!Directory.Exists(full))
        {
            throw new CliException($"{path} does not exist.");
        }
        var source = Path.Combine(full, "src");
        string[] candidates = [.. Directory.GetFiles(full, "*.csproj")];
        if (candidates.Length == 0 && Directory.Exists(source))
        {
            candidates = [.. Directory.GetDirectories(source).SelectMany(folder => Directory.GetFiles(folder, "*.csproj"))];
        }
        return candidates switch
        {
            [var only] => new FunctionProject(only, full),
            [] => throw new CliException(
                $"no C# function project in {path}: give a .csproj, a folder with one, or a folder made by `fulmen new` (one project under src/)."),
            _ => throw new CliException(
                $"{path} has {candidates.Length} projects ({string.Join(", ", candidates.Select(c => Path.GetRelativePath(full, c)))}): give the function's .csproj."),
        };
    }
}
