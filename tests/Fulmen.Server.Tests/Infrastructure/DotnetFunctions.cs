using System.Net;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>The C# test functions in tests/functions/, built with the solution, zipped and deployed.</summary>
public static class DotnetFunctions
{
    /// <summary>tests/functions/DotnetHandlers: handlers of every shape, in assembly <c>Handlers</c>.</summary>
    public static string HandlersZip => Handlers.Value;

    /// <summary>tests/functions/DotnetBootstrap: an executable <c>bootstrap</c> running its own Runtime API loop.</summary>
    public static string BootstrapZip => Bootstrap.Value;

    /// <summary>tests/functions/AwsHandlers: class-library handlers built against (stand-ins of) AWS's Amazon.Lambda.* libraries.</summary>
    public static string AwsHandlersZip => AwsHandlers.Value;

    /// <summary>tests/functions/AwsExecutable: an executable-assembly function running AWS-style <c>LambdaBootstrapBuilder</c>.</summary>
    public static string AwsExecutableZip => AwsExecutable.Value;

    /// <summary>tests/functions/AspNetMinimalApi: an ASP.NET Core minimal API on Fulmen.Lambda.AspNetCoreServer (handler <c>AspNetMinimalApi</c>).</summary>
    public static string AspNetMinimalApiZip => AspNetMinimalApi.Value;

    private static readonly Lazy<string> AspNetMinimalApi = new(() => ZipBuildOutput("AspNetMinimalApi"));
    private static readonly Lazy<string> AwsHandlers = new(() => ZipBuildOutput("AwsHandlers"));
    private static readonly Lazy<string> AwsExecutable = new(() => ZipBuildOutput("AwsExecutable"));
    private static readonly Lazy<string> Handlers = new(() => ZipBuildOutput("DotnetHandlers"));
    private static readonly Lazy<string> Bootstrap = new(() => ZipBuildOutput("DotnetBootstrap"));

    /// <summary>The project's build output (same configuration as the tests), zipped flat as dotnet publish lays it out.</summary>
    private static string ZipBuildOutput(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var output = Path.Combine(FulmenServer.RepositoryRoot, "artifacts", "bin", project, configuration);
        return FunctionZips.FromDirectory(output, Path.Combine(Path.GetTempPath(), $"fulmen-{project}-{Guid.NewGuid():N}.zip"));
    }

    /// <summary>CreateFunction with <paramref name="zip"/>; <paramref name="settings"/> adds members (Timeout, Environment…). Asserts 201.</summary>
    public static async Task CreateAsync(LambdaHttp http, string name, string runtime, string handler, string zip, JsonObject? settings = null)
    {
        var request = LambdaHttp.CreateFunctionRequest(name, runtime, handler, zip);
        foreach (var (member, value) in settings ?? [])
        {
            request[member] = value?.DeepClone();
        }
        var response = await http.CreateFunctionAsync(request.ToJsonString());
        Assert.True(response.Status == HttpStatusCode.Created, $"CreateFunction {name}: {response}");
    }
}
