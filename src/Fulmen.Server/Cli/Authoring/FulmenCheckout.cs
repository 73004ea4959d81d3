namespace Fulmen.Server.Cli.Authoring;

/// <summary>
/// The Fulmen source checkout the CLI was built from. The CLI runs from <c>artifacts/bin/Fulmen.Server/&lt;config&gt;/</c>
/// inside it, and the authoring commands need its sources anyway (the scaffold's Fulmen.Lambda.* packages are packed
/// from <c>sdk/dotnet</c>), so the templates are read from <c>sdk/dotnet/templates</c> there rather than copied next to
/// the binary: one copy, always the one the packages were built with.
/// </summary>
internal sealed class FulmenCheckout(string root)
{
    public string Root { get; } = root;

    public string SdkDirectory => Path.Combine(Root, "sdk", "dotnet");

    public string Templates => Path.Combine(SdkDirectory, "templates");

    /// <summary>Where the Fulmen.Lambda.* packages go; scaffolds' nuget.config points here.</summary>
    public string Packages => Path.Combine(Root, "artifacts", "packages");

    /// <summary>Build output of packing, apart from the regular build so that the two never write the same files.</summary>
    public string PackBuild => Path.Combine(Root, "artifacts", "sdk-pack");

    /// <summary>The <c>./fulmen</c> script, for the commands the CLI suggests.</summary>
    public string Script => Path.Combine(Root, "fulmen");

    /// <summary>The checkout above the running binary (found by its Fulmen.slnx), or null when there is none.</summary>
    public static FulmenCheckout? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Fulmen.slnx")))
            {
                return new FulmenCheckout(directory.FullName);
            }
        }
        return null;
    }

    public static FulmenCheckout Require() => Find() ?? throw new CliException(
        $"cannot find the Fulmen checkout (Fulmen.slnx) above {AppContext.BaseDirectory}: C# functions need its sdk/dotnet folder. Run the CLI from a checkout (./fulmen).");
}
