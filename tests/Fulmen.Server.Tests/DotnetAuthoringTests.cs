using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// One folder, NuGet cache and server for the C# authoring tests. The NuGet cache is the tests' own
/// (<c>NUGET_PACKAGES</c>), so a Fulmen.Lambda.* 0.1.0 cached on this machine from an older build is never used.
/// </summary>
public sealed class DotnetAuthoringFixture : IAsyncLifetime
{
    private FulmenServer? _server;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fulmen-authoring-").FullName;

    public string NuGetPackages => Path.Combine(Directory, "nuget-packages");

    public FulmenServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync() => _server = await FulmenServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DotnetAuthoringCollection : ICollectionFixture<DotnetAuthoringFixture>
{
    public const string Name = "DotnetAuthoring";
}

/// <summary>
/// <c>fulmen new dotnet</c>, <c>package</c> and <c>deploy-function</c> as a function author runs them: scaffold, the
/// scaffold's own <c>dotnet test</c>, deploy to a real server, <c>aws lambda invoke</c>. One collection: the builds
/// share a NuGet cache and are heavy enough without running side by side.
/// </summary>
[Collection(DotnetAuthoringCollection.Name)]
public sealed class DotnetAuthoringTests(DotnetAuthoringFixture fixture)
{
    private static readonly TimeSpan ProcessGuard = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task NewDotnet_NoTrigger_OwnTestPassesDeploysAnswersAndRedeploysChanges()
    {
        var root = Path.Combine(fixture.Directory, "hello");
        var created = await FulmenAsync(fixture.Directory, "new", "dotnet", "hello", "--trigger", "none", "--output", root);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("  src/hello/Function.cs\n", created.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  test/hello.Tests/FunctionTest.cs\n", created.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  dotnet test\n", created.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("fulmen deploy-function .\n", created.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("""<TargetFramework>net10.0</TargetFramework>""", await File.ReadAllTextAsync(Path.Combine(root, "src", "hello", "hello.csproj")));

        await AssertOwnTestsPassAsync(root, "hello.Tests.dll", passed: 2);

        var zip = Path.Combine(fixture.Directory, "hello-package.zip");
        var packaged = await FulmenAsync(root, "package", ".", "--output", zip);
        Assert.True(packaged.ExitCode == 0, packaged.ToString());
        Assert.Contains($"Packaged {zip} (", packaged.StandardOutput, StringComparison.Ordinal);
        using (var archive = ZipFile.OpenRead(zip))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.All(entries, entry => Assert.DoesNotContain('/', entry));
            Assert.Contains("hello.dll", entries);
            Assert.Contains("hello.deps.json", entries);
            Assert.Contains("hello.runtimeconfig.json", entries);
            Assert.Contains("Fulmen.Lambda.Core.dll", entries);
        }

        var deployed = await DeployAsync(root, "--name", "hello");
        Assert.Contains("Creating function hello (dotnet10, hello::hello.Function::FunctionHandler, 256 MB, 30 s)\n", deployed, StringComparison.Ordinal);
        Assert.Contains("Deployed hello: arn:aws:lambda:us-east-1:000000000000:function:hello (State Active", deployed, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "bin", "hello.zip")));

        var lambda = new LambdaCli(fixture.Server);
        var first = await lambda.InvokeAsync("hello", await File.ReadAllTextAsync(Path.Combine(root, "events", "event.json")), logTail: true);
        Assert.Null(first.FunctionError);
        Assert.Equal("""{"message":"Hello, Fulmen!"}""", first.Payload);
        Assert.Contains("\tinfo\tGreeting Fulmen", first.Log, StringComparison.Ordinal);

        // The author changes the code and the memory size, and deploys again: the update path.
        var function = Path.Combine(root, "src", "hello", "Function.cs");
        await File.WriteAllTextAsync(function, (await File.ReadAllTextAsync(function)).Replace("$\"Hello, {name}!\"", "$\"Hello again, {name}!\"", StringComparison.Ordinal));
        var settings = Path.Combine(root, "src", "hello", "fulmen.json");
        await File.WriteAllTextAsync(settings, (await File.ReadAllTextAsync(settings)).Replace("\"function-memory-size\": 256", "\"function-memory-size\": 512", StringComparison.Ordinal));
        var redeployed = await DeployAsync(root, "--name", "hello");
        Assert.Contains("Updating code of hello (", redeployed, StringComparison.Ordinal);
        Assert.Contains("Updating configuration of hello (MemorySize 512)\n", redeployed, StringComparison.Ordinal);
        Assert.DoesNotContain("Creating function", redeployed, StringComparison.Ordinal);

        var second = await lambda.InvokeAsync("hello", """{"name":"Fulmen"}""");
        Assert.Equal("""{"message":"Hello again, Fulmen!"}""", second.Payload);
        var configuration = (await lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", "hello")).Json;
        Assert.Equal("dotnet10", configuration.GetProperty("Runtime").GetString());
        Assert.Equal("hello::hello.Function::FunctionHandler", configuration.GetProperty("Handler").GetString());
        Assert.Equal(512, configuration.GetProperty("MemorySize").GetInt32());
        Assert.Equal(30, configuration.GetProperty("Timeout").GetInt32());
        Assert.Equal("arn:aws:iam::000000000000:role/fulmen", configuration.GetProperty("Role").GetString());
    }

    [Fact]
    public async Task NewDotnet_HttpTrigger_OwnTestPassesAndAnswersHttpApiEventsAndItsUrl()
    {
        var root = Path.Combine(fixture.Directory, "greeter");
        var created = await FulmenAsync(fixture.Directory, "new", "dotnet", "greeter", "--trigger", "http", "--output", root);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("(trigger http, runtime dotnet10)", created.StandardOutput, StringComparison.Ordinal);

        await AssertOwnTestsPassAsync(root, "greeter.Tests.dll", passed: 1);

        // No --name: the function is named by fulmen.json.
        var deployed = await DeployAsync(root);
        Assert.Contains("Creating function greeter (dotnet10, greeter::greeter.Function::FunctionHandler, 256 MB, 30 s)\n", deployed, StringComparison.Ordinal);

        var lambda = new LambdaCli(fixture.Server);
        var invoked = await lambda.InvokeAsync("greeter", await File.ReadAllTextAsync(Path.Combine(root, "events", "event.json")));
        Assert.Null(invoked.FunctionError);
        var response = invoked.PayloadJson;
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/json", response.GetProperty("headers").GetProperty("Content-Type").GetString());
        using (var body = JsonDocument.Parse(response.GetProperty("body").GetString()!))
        {
            Assert.Equal("Hello, Fulmen!", body.RootElement.GetProperty("message").GetString());
            Assert.Equal("GET", body.RootElement.GetProperty("method").GetString());
            Assert.Equal("/greetings", body.RootElement.GetProperty("path").GetString());
        }

        // The same handler behind a function URL: real HTTP in, the response object out as HTTP.
        var url = (await lambda.Aws.SucceedAsync("lambda", "create-function-url-config", "--function-name", "greeter", "--auth-type", "NONE"))
            .Json.GetProperty("FunctionUrl").GetString()!;
        var id = new Uri(url).Host.Split('.')[0];
        var answer = await Curl.AtAsync(fixture.Server, $"{fixture.Server.Endpoint}/_aws/lambda-url/{id}/people?name=curl");
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("application/json", answer.Header("Content-Type"));
        Assert.Equal("Hello, curl!", answer.Json.GetProperty("message").GetString());
        Assert.Equal("/people", answer.Json.GetProperty("path").GetString());
    }

    [Fact]
    public async Task NewDotnet_AspNetTrigger_OwnTestsPassDeploysAndServesItsUrl()
    {
        var root = Path.Combine(fixture.Directory, "todo-api");
        var created = await FulmenAsync(fixture.Directory, "new", "dotnet", "todo-api", "--trigger", "aspnet", "--output", root);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("(trigger aspnet, runtime dotnet10)", created.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  src/todo-api/Program.cs\n", created.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  test/todo-api.Tests/ProgramTest.cs\n", created.StandardOutput, StringComparison.Ordinal);

        await AssertOwnTestsPassAsync(root, "todo-api.Tests.dll", passed: 2);

        // The handler is the assembly name: an executable-assembly function.
        var deployed = await DeployAsync(root);
        Assert.Contains("Creating function todo-api (dotnet10, todo-api, 512 MB, 30 s)\n", deployed, StringComparison.Ordinal);

        var lambda = new LambdaCli(fixture.Server);
        var invoked = await lambda.InvokeAsync("todo-api", await File.ReadAllTextAsync(Path.Combine(root, "events", "event.json")));
        Assert.True(invoked.FunctionError is null, invoked.Payload);
        Assert.Equal(200, invoked.PayloadJson.GetProperty("statusCode").GetInt32());
        Assert.Equal("""{"message":"Hello, Fulmen!"}""", invoked.PayloadJson.GetProperty("body").GetString());

        var url = (await lambda.Aws.SucceedAsync("lambda", "create-function-url-config", "--function-name", "todo-api", "--auth-type", "NONE"))
            .Json.GetProperty("FunctionUrl").GetString()!;
        var baseUrl = $"{fixture.Server.Endpoint}/_aws/lambda-url/{new Uri(url).Host.Split('.')[0]}";
        var hello = await Curl.AtAsync(fixture.Server, $"{baseUrl}/hello?name=curl");
        Assert.True(hello.Status == 200, hello.ToString());
        Assert.Equal("Hello, curl!", hello.Json.GetProperty("message").GetString());
        var added = await Curl.AtAsync(fixture.Server, $"{baseUrl}/todos", "-H", "Content-Type: application/json", "--data-binary", """{"title":"ship it"}""");
        Assert.True(added.Status == 201, added.ToString());
        Assert.Equal("ship it", added.Json.GetProperty("title").GetString());
        Assert.Equal($"/todos/{added.Json.GetProperty("id").GetInt32()}", added.Header("Location"));
        var invalid = await Curl.AtAsync(fixture.Server, $"{baseUrl}/todos", "-H", "Content-Type: application/json", "--data-binary", """{"title":""}""");
        Assert.True(invalid.Status == 400, invalid.ToString());
        Assert.StartsWith("application/problem+json", invalid.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewDotnet_EveryOtherTrigger_BuildsAndOwnTestsPass()
    {
        // none, http and aspnet are covered end to end above; the rest (and aspnet on dotnet8) scaffold, build and pass their own tests.
        // One of them on dotnet8, whose test project rolls forward onto the .NET 10 that is installed.
        var root = System.IO.Directory.CreateDirectory(Path.Combine(fixture.Directory, "triggers")).FullName;
        var scaffolds = new List<string>();
        foreach (var trigger in new[] { "sqs", "s3", "schedule", "sns", "dynamodb", "kinesis", "aspnet" })
        {
            // aspnet on dotnet8: a net8.0 app whose tests run on .NET 10's ASP.NET Core test server.
            string[] runtime = trigger is "sqs" or "aspnet" ? ["--runtime", "dotnet8"] : [];
            var created = await FulmenAsync(root, ["new", "dotnet", $"on-{trigger}", "--trigger", trigger, .. runtime]);
            Assert.True(created.ExitCode == 0, created.ToString());
            scaffolds.Add($"on-{trigger}");
        }
        Assert.Contains("<TargetFramework>net8.0</TargetFramework>", await File.ReadAllTextAsync(Path.Combine(root, "on-sqs", "src", "on-sqs", "on-sqs.csproj")), StringComparison.Ordinal);
        Assert.Contains("\"function-runtime\": \"dotnet8\"", await File.ReadAllTextAsync(Path.Combine(root, "on-sqs", "src", "on-sqs", "fulmen.json")), StringComparison.Ordinal);
        Assert.Contains("\"function-handler\": \"on-kinesis::on_kinesis.Function::FunctionHandler\"",
            await File.ReadAllTextAsync(Path.Combine(root, "on-kinesis", "src", "on-kinesis", "fulmen.json")), StringComparison.Ordinal);

        // One solution over all of them: one restore and a parallel build instead of six.
        var projects = scaffolds.SelectMany(name => new[] { $"{name}/src/{name}/{name}.csproj", $"{name}/test/{name}.Tests/{name}.Tests.csproj" });
        await File.WriteAllTextAsync(Path.Combine(root, "all.slnx"),
            "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        var tested = await RunAsync(Start("dotnet", root, "test", "all.slnx"));
        Assert.True(tested.ExitCode == 0, tested.ToString());
        foreach (var name in scaffolds)
        {
            Assert.Matches($@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9].*{name}\.Tests\.dll", tested.StandardOutput);
        }
    }

    [Fact]
    public async Task PackageAndDeploy_PathWithoutProject_ExitOneWithOneClearLine()
    {
        var empty = System.IO.Directory.CreateDirectory(Path.Combine(fixture.Directory, "empty")).FullName;
        var noProject = $"fulmen: no C# function project in {empty}: give a .csproj, a folder with one, or a folder made by `fulmen new` (one project under src/).";

        var package = await FulmenAsync(fixture.Directory, "package", empty);
        Assert.Equal(1, package.ExitCode);
        Assert.Equal(noProject, package.StandardError.Trim());
        Assert.Equal("", package.StandardOutput);

        var deploy = await FulmenAsync(fixture.Directory, "deploy-function", empty, "--name", "nothing", "--endpoint-url", fixture.Server.Endpoint);
        Assert.Equal(1, deploy.ExitCode);
        Assert.Equal(noProject, deploy.StandardError.Trim());

        var missing = Path.Combine(fixture.Directory, "no-such-folder");
        var gone = await FulmenAsync(fixture.Directory, "package", missing);
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal($"fulmen: {missing} does not exist.", gone.StandardError.Trim());

        var badName = await FulmenAsync(fixture.Directory, "new", "dotnet", "9lives");
        Assert.Equal(1, badName.ExitCode);
        Assert.Equal("fulmen: '9lives' cannot be a function name: use up to 64 letters, digits, '-' and '_', starting with a letter.", badName.StandardError.Trim());
        Assert.False(System.IO.Directory.Exists(Path.Combine(fixture.Directory, "9lives")));
    }

    /// <summary>Runs the scaffold's own <c>dotnet test</c> and checks its one test assembly passed <paramref name="passed"/> tests.</summary>
    private async Task AssertOwnTestsPassAsync(string root, string assembly, int passed)
    {
        var tested = await RunAsync(Start("dotnet", root, "test"));
        Assert.True(tested.ExitCode == 0, tested.ToString());
        Assert.Matches($@"Passed!\s+-\s+Failed:\s+0, Passed:\s+{passed}, Skipped:\s+0, Total:\s+{passed}.*{assembly}", tested.StandardOutput);
    }

    /// <summary>Runs <c>fulmen deploy-function .</c> in <paramref name="root"/> against the test server; returns what it printed.</summary>
    private async Task<string> DeployAsync(string root, params string[] arguments)
    {
        var deployed = await FulmenAsync(root, ["deploy-function", ".", "--endpoint-url", fixture.Server.Endpoint, .. arguments]);
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        return deployed.StandardOutput;
    }

    private Task<Processes.Result> FulmenAsync(string workingDirectory, params string[] arguments)
    {
        var start = FulmenCli.Command(arguments);
        Isolate(start, workingDirectory);
        return RunAsync(start);
    }

    private ProcessStartInfo Start(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Isolate(start, workingDirectory);
        return start;
    }

    /// <summary>
    /// The environment of an author's shell: the tests' own NuGet cache, and none of the MSBuild and VSTest settings
    /// that the <c>dotnet test</c> running these tests passes down, which would leak into the scaffold's builds.
    /// </summary>
    private void Isolate(ProcessStartInfo start, string workingDirectory)
    {
        start.WorkingDirectory = workingDirectory;
        foreach (var name in start.Environment.Keys.Where(key =>
            key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["NUGET_PACKAGES"] = fixture.NuGetPackages;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
    }

    private static Task<Processes.Result> RunAsync(ProcessStartInfo start) => Processes.RunAsync(start, ProcessGuard);
}
