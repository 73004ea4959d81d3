using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Cli.Authoring;

/// <summary>
/// <c>fulmen deploy-function PATH</c>: packages a C# function and creates it, or updates its code and configuration,
/// with the settings of its fulmen.json (as <c>dotnet lambda deploy-function</c> does with aws-lambda-tools-defaults.json).
/// </summary>
internal static class DeployFunctionCommand
{
    public const string DefaultRole = "arn:aws:iam::000000000000:role/fulmen";

    public static Command Create()
    {
        var path = PackageCommand.PathArgument();
        var name = new Option<string?>("--name") { Description = "The function's name (default: function-name in fulmen.json, else the project's name)." };
        var handler = new Option<string?>("--handler") { Description = "Assembly::Namespace.Type::Method (default: function-handler in fulmen.json)." };
        var runtime = new Option<string?>("--runtime") { Description = "dotnet10 or dotnet8 (default: function-runtime in fulmen.json)." };
        var memory = new Option<int?>("--memory-size") { Description = "MB (default: function-memory-size in fulmen.json, else 256)." };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds (default: function-timeout in fulmen.json, else 30)." };
        var role = new Option<string?>("--role") { Description = $"Execution role ARN (default: function-role in fulmen.json, else {DefaultRole})." };
        var endpoint = FulmenCommandLine.EndpointOption();
        var command = new Command("deploy-function", "Package a C# function and create or update it on a Fulmen server.")
        {
            path, name, handler, runtime, memory, timeout, role, endpoint,
        };
        command.SetAction((result, cancellationToken) => ClientCommands.Run(async () =>
        {
            var project = FunctionProject.Find(result.GetValue(path)!);
            var settings = project.Settings;
            var target = new Target(
                result.GetValue(name) ?? settings.Name ?? project.Name,
                result.GetValue(handler) ?? settings.Handler
                    ?? throw new CliException($"no handler for {project.Name}: set function-handler in {Path.Combine(project.ProjectDirectory, FunctionSettings.FileName)} or pass --handler."),
                result.GetValue(runtime) ?? settings.Runtime
                    ?? throw new CliException($"no runtime for {project.Name}: set function-runtime in {Path.Combine(project.ProjectDirectory, FunctionSettings.FileName)} or pass --runtime."),
                result.GetValue(memory) ?? settings.MemorySize ?? 256,
                result.GetValue(timeout) ?? settings.Timeout ?? 30,
                result.GetValue(role) ?? settings.Role);
            using var client = new FulmenClient(result.GetValue(endpoint)!);
            var lambda = new LambdaFunctions(client);
            // Fail fast on an unreachable server, before spending a build on it.
            var existing = await lambda.GetConfigurationAsync(target.Name, cancellationToken);
            await FunctionPackager.PackageAsync(project, project.DefaultZip, cancellationToken);
            var zip = await File.ReadAllBytesAsync(project.DefaultZip, cancellationToken);
            var deployed = existing is { } current
                ? await UpdateAsync(lambda, target, current, zip, cancellationToken)
                : await CreateAsync(lambda, target, zip, cancellationToken);
            Console.WriteLine($"Deployed {target.Name}: {LambdaFunctions.Text(deployed, "FunctionArn")} (State {LambdaFunctions.Text(deployed, "State") ?? "-"}, LastUpdateStatus {LambdaFunctions.Text(deployed, "LastUpdateStatus") ?? "-"})");
        }));
        return command;
    }

    private sealed record Target(string Name, string Handler, string Runtime, int MemorySize, int Timeout, string? Role)
    {
        public override string ToString() => $"{Runtime}, {Handler}, {MemorySize} MB, {Timeout} s";
    }

    private static async Task<JsonElement> CreateAsync(LambdaFunctions lambda, Target target, byte[] zip, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Creating function {target.Name} ({target})");
        var created = await lambda.CreateAsync(new JsonObject
        {
            ["FunctionName"] = target.Name,
            ["Runtime"] = target.Runtime,
            ["Handler"] = target.Handler,
            ["Role"] = target.Role ?? DefaultRole,
            ["MemorySize"] = target.MemorySize,
            ["Timeout"] = target.Timeout,
            ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip) },
        }, cancellationToken);
        return await lambda.WaitUntilReadyAsync(target.Name, created, cancellationToken);
    }

    private static async Task<JsonElement> UpdateAsync(LambdaFunctions lambda, Target target, JsonElement current, byte[] zip, CancellationToken cancellationToken)
    {
        // As on AWS, each update must finish before the next may start.
        current = await lambda.WaitUntilReadyAsync(target.Name, current, cancellationToken);
        Console.WriteLine($"Updating code of {target.Name} ({FunctionPackager.Size(zip.Length)})");
        current = await lambda.WaitUntilReadyAsync(target.Name, await lambda.UpdateCodeAsync(target.Name, zip, cancellationToken), cancellationToken);
        var changes = Changes(target, current);
        if (changes.Count == 0)
        {
            Console.WriteLine($"Configuration of {target.Name} is unchanged ({target})");
            return current;
        }
        Console.WriteLine($"Updating configuration of {target.Name} ({string.Join(", ", changes.Select(c => $"{c.Key} {c.Value}"))})");
        return await lambda.WaitUntilReadyAsync(target.Name, await lambda.UpdateConfigurationAsync(target.Name, changes, cancellationToken), cancellationToken);
    }

    /// <summary>The settings that differ from the function's; the role only when one was asked for.</summary>
    private static JsonObject Changes(Target target, JsonElement current)
    {
        var changes = new JsonObject();
        void Compare(string property, string wanted, string? now)
        {
            if (!string.Equals(wanted, now, StringComparison.Ordinal))
            {
                changes[property] = wanted;
            }
        }
        Compare("Runtime", target.Runtime, LambdaFunctions.Text(current, "Runtime"));
        Compare("Handler", target.Handler, LambdaFunctions.Text(current, "Handler"));
        if (target.Role is { } role)
        {
            Compare("Role", role, LambdaFunctions.Text(current, "Role"));
        }
        if (!current.TryGetProperty("MemorySize", out var memory) || memory.GetInt32() != target.MemorySize)
        {
            changes["MemorySize"] = target.MemorySize;
        }
        if (!current.TryGetProperty("Timeout", out var timeout) || timeout.GetInt32() != target.Timeout)
        {
            changes["Timeout"] = target.Timeout;
        }
        return changes;
    }
}
