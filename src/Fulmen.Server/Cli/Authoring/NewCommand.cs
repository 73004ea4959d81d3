using System.CommandLine;

namespace Fulmen.Server.Cli.Authoring;

/// <summary><c>fulmen new dotnet NAME</c>: a C# function with its unit test, ready for <c>dotnet test</c> and <c>fulmen deploy-function</c>.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The function's name; also its project and namespace." };
        var trigger = new Option<string>("--trigger")
        {
            Description = "What calls the function; picks the handler's event type.",
            DefaultValueFactory = _ => "none",
        };
        trigger.AcceptOnlyFromAmong(Scaffold.Triggers);
        var runtime = new Option<string>("--runtime") { Description = "The Lambda runtime.", DefaultValueFactory = _ => "dotnet10" };
        runtime.AcceptOnlyFromAmong(Scaffold.Runtimes);
        var output = new Option<string?>("--output", "-o") { Description = "The folder to create (default: ./NAME)." };
        var dotnet = new Command("dotnet", "A C# function: project, unit test, sample event and fulmen.json.") { name, trigger, runtime, output };
        dotnet.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            var functionName = result.GetValue(name)!;
            Scaffold.Namespace(functionName);
            var checkout = FulmenCheckout.Require();
            var destination = Path.GetFullPath(result.GetValue(output) ?? functionName);
            var (triggerName, runtimeName) = (result.GetValue(trigger)!, result.GetValue(runtime)!);
            var files = Scaffold.Create(checkout, functionName, triggerName, runtimeName, destination);
            Console.WriteLine($"Created C# function {functionName} (trigger {triggerName}, runtime {runtimeName}) in {destination}:");
            foreach (var file in files)
            {
                Console.WriteLine("  " + file);
            }
            await SdkPackages.EnsureAsync(checkout, cancellationToken);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, destination);
            Console.WriteLine();
            Console.WriteLine("Next (with a server running: ./fulmen serve):");
            Console.WriteLine($"  cd {(relative.StartsWith("..", StringComparison.Ordinal) ? destination : relative)}");
            Console.WriteLine("  dotnet test");
            Console.WriteLine($"  {checkout.Script} deploy-function .");
            Console.WriteLine($"  {checkout.Script} invoke {functionName} --payload @events/event.json");
            Console.WriteLine($"  aws lambda invoke --function-name {functionName} --cli-binary-format raw-in-base64-out --payload file://events/event.json out.json");
            if (triggerName == "aspnet")
            {
                Console.WriteLine($"  aws lambda create-function-url-config --function-name {functionName} --auth-type NONE   # then curl URL/hello?name=you");
            }
        }));
        return new Command("new", "Create a function project from a template.") { dotnet };
    }
}
