using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>PublishVersion, ListVersionsByFunction, qualified Get/Invoke/Delete and their AWS errors, through the AWS CLI.</summary>
[Trait("Backend", "Both")]
public sealed class VersionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function";

    private LambdaCli Lambda => fixture.Lambda;

    [Fact]
    public async Task PublishVersion_TwoVersions_EachRunsItsOwnSnapshot()
    {
        await Lambda.CreateAsync("versioned", VersionFunctions.Reporter, "--environment", "Variables={MODE=one}");

        var first = (await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "versioned", "--description", "first")).Json;
        Assert.Equal("1", first.GetProperty("Version").GetString());
        Assert.Equal($"{Arn}:versioned:1", first.GetProperty("FunctionArn").GetString());
        Assert.Equal("first", first.GetProperty("Description").GetString());

        // Nothing changed since version 1: AWS answers with version 1 instead of publishing another.
        var again = (await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "versioned")).Json;
        Assert.Equal("1", again.GetProperty("Version").GetString());

        await Lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "versioned", "--environment", "Variables={MODE=two}");
        var second = (await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "versioned")).Json;
        Assert.Equal("2", second.GetProperty("Version").GetString());

        var versions = (await Lambda.Aws.SucceedAsync("lambda", "list-versions-by-function", "--function-name", "versioned")).Json;
        Assert.Equal(["$LATEST", "1", "2"], versions.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()!).ToArray());
        Assert.Equal($"{Arn}:versioned:$LATEST", versions.GetProperty("Versions")[0].GetProperty("FunctionArn").GetString());

        // By --qualifier, by name:version and by full ARN; the version's own configuration runs.
        var one = await InvokeAsync("versioned", "--qualifier", "1");
        Assert.Equal(("1", "one"), (one.Payload.GetProperty("version").GetString(), one.Payload.GetProperty("mode").GetString()));
        Assert.Equal("1", one.Metadata.GetProperty("ExecutedVersion").GetString());
        Assert.Equal($"{Arn}:versioned:1", one.Payload.GetProperty("arn").GetString());
        var two = await InvokeAsync("versioned:2");
        Assert.Equal(("2", "two"), (two.Payload.GetProperty("version").GetString(), two.Payload.GetProperty("mode").GetString()));
        var byArn = await InvokeAsync($"{Arn}:versioned:1");
        Assert.Equal("one", byArn.Payload.GetProperty("mode").GetString());
        var latest = await InvokeAsync("versioned");
        Assert.Equal(("$LATEST", "two", $"{Arn}:versioned"),
            (latest.Payload.GetProperty("version").GetString(), latest.Payload.GetProperty("mode").GetString(), latest.Payload.GetProperty("arn").GetString()));

        var config = (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", "versioned", "--qualifier", "1")).Json;
        Assert.Equal(("1", "one"), (config.GetProperty("Version").GetString(), config.GetProperty("Environment").GetProperty("Variables").GetProperty("MODE").GetString()));
        var function = (await Lambda.Aws.SucceedAsync("lambda", "get-function", "--function-name", "versioned:2")).Json;
        Assert.Equal($"{Arn}:versioned:2", function.GetProperty("Configuration").GetProperty("FunctionArn").GetString());
    }

    [Fact]
    public async Task DeleteFunction_Version_GoesAndItsNumberIsNeverReused()
    {
        await Lambda.CreateAsync("pruned", VersionFunctions.Reporter, "--publish");
        await Lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "pruned", "--timeout", "5");
        Assert.Equal("2", (await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "pruned")).Json.GetProperty("Version").GetString());

        await Lambda.Aws.SucceedAsync("lambda", "delete-function", "--function-name", "pruned", "--qualifier", "2");

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function", "--function-name", "pruned", "--qualifier", "2"),
            "ResourceNotFoundException", "GetFunction", $"Function not found: {Arn}:pruned:2");
        await Lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "pruned", "--timeout", "6");
        Assert.Equal("3", (await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "pruned")).Json.GetProperty("Version").GetString());
        Assert.Equal("1", (await InvokeAsync("pruned:1")).Payload.GetProperty("version").GetString());

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "delete-function", "--function-name", "pruned", "--qualifier", "$LATEST"),
            "InvalidParameterValueException", "DeleteFunction", "$LATEST version cannot be deleted without deleting the function.");

        // Deleting the function deletes every version.
        await Lambda.Aws.SucceedAsync("lambda", "delete-function", "--function-name", "pruned");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function", "--function-name", "pruned:1"),
            "ResourceNotFoundException", "GetFunction", $"Function not found: {Arn}:pruned:1");
    }

    [Fact]
    public async Task CreateAndUpdateCode_WithPublish_PublishVersions()
    {
        var (zip, created) = await Lambda.CreateAsync("published", VersionFunctions.Reporter, "--publish");
        Assert.Equal("1", created.GetProperty("Version").GetString());
        Assert.Equal($"{Arn}:published", created.GetProperty("FunctionArn").GetString());

        var updated = (await Lambda.Aws.SucceedAsync("lambda", "update-function-code", "--function-name", "published", "--zip-file", $"fileb://{zip}", "--publish")).Json;
        Assert.Equal("2", updated.GetProperty("Version").GetString());
        Assert.Equal($"{Arn}:published:2", updated.GetProperty("FunctionArn").GetString());

        var all = (await Lambda.Aws.SucceedAsync("lambda", "list-functions", "--function-version", "ALL")).Json;
        var mine = all.GetProperty("Functions").EnumerateArray().Where(f => f.GetProperty("FunctionName").GetString() == "published")
            .Select(f => f.GetProperty("Version").GetString()!).ToArray();
        Assert.Equal(["$LATEST", "1", "2"], mine);
    }

    [Fact]
    public async Task PublishVersion_Preconditions_AwsErrors()
    {
        var (_, created) = await Lambda.CreateAsync("guarded", VersionFunctions.Reporter);
        var sha = created.GetProperty("CodeSha256").GetString();

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "publish-version", "--function-name", "guarded", "--code-sha256", "abc"),
            "InvalidParameterValueException", "PublishVersion",
            $"CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST ({sha}). Please try again with the CodeSHA256 in $LATEST.");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "publish-version", "--function-name", "guarded", "--revision-id", "stale"),
            "PreconditionFailedException", "PublishVersion", "The Revision Id provided does not match the latest Revision Id.");
        var published = (await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "guarded", "--code-sha256", sha!,
            "--revision-id", created.GetProperty("RevisionId").GetString()!)).Json;
        Assert.Equal("1", published.GetProperty("Version").GetString());
    }

    [Fact]
    public async Task Qualifiers_MalformedOrUnknown_AwsErrors()
    {
        await Lambda.CreateAsync("strict", VersionFunctions.Reporter);

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function", "--function-name", "strict", "--qualifier", "a!b"),
            "ValidationException", "GetFunction",
            "1 validation error detected: Value 'a!b' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function", "--function-name", "strict:1:2"),
            "ValidationException", "GetFunction",
            "1 validation error detected: Value 'strict:1:2' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function-configuration", "--function-name", "strict", "--qualifier", "7"),
            "ResourceNotFoundException", "GetFunctionConfiguration", $"Function not found: {Arn}:strict:7");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "invoke", "--function-name", "strict:nope", Path.Combine(Lambda.Files, "strict.json")),
            "ResourceNotFoundException", "Invoke", $"Function not found: {Arn}:strict:nope");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "list-functions", "--function-version", "SOME"),
            "ValidationException", "ListFunctions",
            "1 validation error detected: Value 'SOME' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
    }

    [Fact]
    public async Task Invoke_TwoVersionsAlternately_BothStayWarm()
    {
        await Lambda.CreateAsync("warm-versions", VersionFunctions.Reporter, "--publish");
        await Lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "warm-versions", "--environment", "Variables={MODE=two}");
        await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "warm-versions");

        var first = new Dictionary<string, long>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var version in new[] { "1", "2" })
            {
                var response = await fixture.Http.InvokeAsync($"warm-versions:{version}", "{}", logTail: true);
                Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
                Assert.Equal(version, response.Header("X-Amz-Executed-Version"));
                var pid = response.Json.GetProperty("pid").GetInt64();
                if (round == 0)
                {
                    first[version] = pid;
                    continue;
                }
                // The same process answers each version every round: switching versions retires nothing.
                Assert.Equal(first[version], pid);
                Assert.DoesNotContain("Init Duration", response.ReportLine(), StringComparison.Ordinal);
            }
        }
        Assert.NotEqual(first["1"], first["2"]);
    }

    private async Task<(JsonElement Metadata, JsonElement Payload)> InvokeAsync(string name, params string[] extra)
    {
        var output = Path.Combine(Lambda.Files, $"invoke-{Guid.NewGuid():N}.json");
        var result = await Lambda.Aws.SucceedAsync(["lambda", "invoke", "--function-name", name, .. extra, output]);
        return (result.Json, JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement);
    }
}
