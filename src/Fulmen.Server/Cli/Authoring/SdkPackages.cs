using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Fulmen.Server.Cli.Authoring;

/// <summary>
/// The Fulmen.Lambda.* packages scaffolded projects reference, packed from the checkout's sdk/dotnet into
/// <c>artifacts/packages</c> whenever they are missing or older than the sources they are made of.
/// </summary>
internal static partial class SdkPackages
{
    /// <summary>Set in sdk/dotnet/Directory.Build.props; the templates reference this version.</summary>
    public const string Version = "0.1.0";

    /// <summary>
    /// What a function references (the first three), what a Native AOT function on provided.al2023 adds, and what an
    /// ASP.NET Core app adds (it references the runtime support too).
    /// </summary>
    public static readonly string[] Ids =
        ["Fulmen.Lambda.Core", "Fulmen.Lambda.Events", "Fulmen.Lambda.TestUtilities", "Fulmen.Lambda.RuntimeSupport", "Fulmen.Lambda.AspNetCoreServer"];

    /// <summary>Whether a project file references Fulmen.Lambda.* as packages (rather than as projects, as the examples do).</summary>
    public static bool AreReferencedBy(string projectFile) => PackageReference().IsMatch(File.ReadAllText(projectFile));

    /// <summary>Packs the SDK when it is missing or stale, saying which and why.</summary>
    public static async Task EnsureAsync(FulmenCheckout checkout, CancellationToken cancellationToken)
    {
        if (WhyStale(checkout) is null)
        {
            Console.WriteLine($"Fulmen SDK packages {Version} are up to date in {checkout.Packages}");
            return;
        }
        Directory.CreateDirectory(checkout.PackBuild);
        await using var exclusive = await LockAsync(Path.Combine(checkout.PackBuild, ".lock"), cancellationToken);
        if (WhyStale(checkout) is not { } reason)
        {
            Console.WriteLine($"Fulmen SDK packages {Version} were packed meanwhile in {checkout.Packages}");
            return;
        }
        Console.WriteLine($"Packing Fulmen SDK packages {Version} ({reason}) into {checkout.Packages}");
        // One solution of the projects: a single restore and build instead of one per package.
        var solution = Path.Combine(checkout.PackBuild, "sdk.slnx");
        await File.WriteAllTextAsync(solution, "<Solution>\n" + string.Concat(Ids.Select(id =>
            $"  <Project Path=\"{System.Security.SecurityElement.Escape(ProjectFile(checkout, id))}\" />\n")) + "</Solution>\n", cancellationToken);
        var clock = Stopwatch.StartNew();
        var started = TimeProvider.System.GetUtcNow().UtcDateTime;
        var exitCode = await DotnetCli.RunAsync(
        [
            // Quiet: only warnings and errors; this is a side step of the command the user ran.
            "pack", solution, "-c", "Release", "--nologo", "-tl:off", "-v:quiet",
            $"-p:PackageOutputPath={checkout.Packages}{Path.DirectorySeparatorChar}",
            $"-p:ArtifactsPath={checkout.PackBuild}",
            // The regular build checks these sources; packing them only needs the compiler.
            "-p:RunAnalyzers=false",
        ], cancellationToken);
        if (exitCode != 0)
        {
            throw new CliException($"packing Fulmen's SDK failed (dotnet pack exited {exitCode}; its output is above).");
        }
        // Pack may leave a package untouched when only a file outside its build changed: mark all as made from the
        // sources as they were when packing started, so that an edit made meanwhile still counts as newer.
        foreach (var id in Ids)
        {
            File.SetLastWriteTimeUtc(Path.Combine(checkout.Packages, $"{id}.{Version}.nupkg"), started);
        }
        Console.WriteLine($"Packed {Ids.Length} packages in {clock.Elapsed.TotalSeconds:0} s");
        ForgetCachedCopies();
    }

    /// <summary>Null when every package exists and is newer than its sources; otherwise why not.</summary>
    private static string? WhyStale(FulmenCheckout checkout)
    {
        var packages = Ids.Select(id => new FileInfo(Path.Combine(checkout.Packages, $"{id}.{Version}.nupkg"))).ToList();
        if (packages.FirstOrDefault(p => !p.Exists) is { } missing)
        {
            return $"{missing.Name} is missing";
        }
        var packed = packages.Min(p => p.LastWriteTimeUtc);
        var sources = Ids.SelectMany(id => SourceFiles(Path.Combine(checkout.SdkDirectory, id)))
            .Append(Path.Combine(checkout.SdkDirectory, "Directory.Build.props"))
            .Append(Path.Combine(checkout.Root, "Directory.Build.props"))
            .Where(File.Exists);
        return sources.FirstOrDefault(source => File.GetLastWriteTimeUtc(source) > packed) is { } changed
            ? $"{Path.GetRelativePath(checkout.Root, changed)} changed since they were packed"
            : null;
    }

    private static IEnumerable<string> SourceFiles(string projectDirectory) =>
        Directory.EnumerateFiles(projectDirectory, "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(projectDirectory, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string ProjectFile(FulmenCheckout checkout, string id) => Path.Combine(checkout.SdkDirectory, id, id + ".csproj");

    /// <summary>
    /// The version never changes, so NuGet would keep restoring the copy it extracted before into its global
    /// packages folder. Removing that copy makes the next restore take the packages just built.
    /// </summary>
    private static void ForgetCachedCopies()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var removed = false;
        foreach (var id in Ids)
        {
            var extracted = Path.Combine(cache, id.ToLowerInvariant(), Version);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
                removed = true;
            }
        }
        if (removed)
        {
            Console.WriteLine($"Removed the previous Fulmen.Lambda.* {Version} from the NuGet cache ({cache}) so that restores use the new ones");
        }
    }

    /// <summary>One packing at a time per checkout, across processes.</summary>
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!told)
                {
                    Console.WriteLine("Waiting for another fulmen that is packing the SDK…");
                    told = true;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    [GeneratedRegex("""<PackageReference\s+Include="Fulmen\.Lambda\.""", RegexOptions.IgnoreCase)]
    private static partial Regex PackageReference();
}
