using System.Net;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// docs/dotnet.md's Native AOT recipe, for real: tests/functions/DotnetBootstrap published with PublishAot
/// (clang from scripts/install-test-deps.sh), zipped as a lone <c>bootstrap</c> and run on provided.al2023.
/// </summary>
public sealed class NativeAotTests
{
    [Fact]
    public async Task NativeAotBootstrap_OnProvidedRuntime_AnswersAndLogs()
    {
        var work = Directory.CreateTempSubdirectory("fulmen-aot-").FullName;
        try
        {
            var project = Path.Combine(FulmenServer.RepositoryRoot, "tests", "functions", "DotnetBootstrap", "DotnetBootstrap.csproj");
            var output = Path.Combine(work, "out");
            // Its own artifacts path keeps this RID-specific build apart from the solution's.
            var publish = await Processes.RunAsync("dotnet",
                ["publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", $"-p:ArtifactsPath={work}/artifacts", "-o", output, "--nologo"],
                TimeSpan.FromMinutes(8));
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{publish.StandardOutput}\n{publish.StandardError}");
            Assert.False(File.Exists(Path.Combine(output, "bootstrap.dll")), "expected a native executable, not a framework-dependent one");

            // The zip holds the executable alone, as docs/dotnet.md says (no debug symbols or library docs).
            foreach (var other in Directory.GetFiles(output).Where(f => Path.GetFileName(f) != "bootstrap"))
            {
                File.Delete(other);
            }
            var zip = FunctionZips.FromDirectory(output, Path.Combine(work, "function.zip"));

            await using var server = await FulmenServer.StartAsync();
            using var http = new LambdaHttp(server);
            await DotnetFunctions.CreateAsync(http, "aot", "provided.al2023", "bootstrap", zip);
            var response = await http.InvokeAsync("aot", """{"name":"native"}""", logTail: true);
            Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
            Assert.Equal($$"""{"Message":"hello native","RequestId":"{{response.Header("x-amzn-RequestId")}}"}""", response.Body);
            var log = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(response.Header("X-Amz-Log-Result")!));
            Assert.Contains("\tinfo\tgreeting native\n", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
