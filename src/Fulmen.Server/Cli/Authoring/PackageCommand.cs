using System.CommandLine;

namespace Fulmen.Server.Cli.Authoring;

/// <summary><c>fulmen package PATH</c>: the zip <c>aws lambda create-function --zip-file</c> takes, made from a C# function project.</summary>
internal static class PackageCommand
{
    public static Argument<string> PathArgument() => new("path")
    {
        Description = "The function: a folder made by `fulmen new`, a folder with one .csproj, or a .csproj.",
        DefaultValueFactory = _ => ".",
    };

    public static Command Create()
    {
        var path = PathArgument();
        var output = new Option<string?>("--output", "-o") { Description = "The zip to write (default: PATH/bin/NAME.zip)." };
        var command = new Command("package", "Build a C# function with dotnet publish and zip it for Lambda.") { path, output };
        command.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            var project = FunctionProject.Find(result.GetValue(path)!);
            var zip = Path.GetFullPath(result.GetValue(output) ?? project.DefaultZip);
            await FunctionPackager.PackageAsync(project, zip, cancellationToken);
        }));
        return command;
    }
}
