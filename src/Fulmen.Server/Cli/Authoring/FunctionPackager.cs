using System.Globalization;
using System.IO.Compression;

namespace Fulmen.Server.Cli.Authoring;

/// <summary><c>dotnet publish</c> of a function project, zipped flat (the assembly at the zip's root) as Lambda wants it.</summary>
internal static class FunctionPackager
{
    /// <summary>Publishes and zips <paramref name="project"/> into <paramref name="zip"/>; returns the zip's size in bytes.</summary>
    public static async Task<long> PackageAsync(FunctionProject project, string zip, CancellationToken cancellationToken)
    {
        if (SdkPackages.AreReferencedBy(project.ProjectFile) && FulmenCheckout.Find() is { } checkout)
        {
            await SdkPackages.EnsureAsync(checkout, cancellationToken);
        }
        // ReadyToRun for this machine's platform (where Fulmen runs the function): its code starts precompiled.
        var platform = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        Console.WriteLine($"Publishing {project.ProjectFile} (dotnet publish -c Release -r {platform} ReadyToRun)");
        var publish = Directory.CreateTempSubdirectory("fulmen-publish-").FullName;
        try
        {
            var exitCode = await DotnetCli.RunAsync(
                ["publish", project.ProjectFile, "-c", "Release", "-r", platform, "--self-contained", "false", "-p:PublishReadyToRun=true",
                    "-o", publish, "--nologo", "-tl:off", "-v:minimal"], cancellationToken);
            if (exitCode != 0)
            {
                throw new CliException($"dotnet publish failed (exit code {exitCode}; its output is above).");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
            File.Delete(zip);
            ZipFile.CreateFromDirectory(publish, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        }
        finally
        {
            Directory.Delete(publish, recursive: true);
        }
        var size = new FileInfo(zip).Length;
        Console.WriteLine($"Packaged {zip} ({Size(size)})");
        return size;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
