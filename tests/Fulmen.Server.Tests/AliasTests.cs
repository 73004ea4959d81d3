using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>Aliases through the AWS CLI: the API, weighted routing, and policies and URLs of an alias.</summary>
[Trait("Backend", "Both")]
public sealed class AliasTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function";

    private LambdaCli Lambda => fixture.Lambda;

    [Fact]
    public async Task AliasApi_CreateGetListUpdateDelete_AwsShapes()
    {
        await CreateWithTwoVersionsAsync("aliased");

        var created = (await Lambda.Aws.SucceedAsync("lambda", "create-alias", "--function-name", "aliased", "--name", "live",
            "--function-version", "1", "--description", "production")).Json;
        Assert.Equal($"{Arn}:aliased:live", created.GetProperty("AliasArn").GetString());
        Assert.Equal(("live", "1", "production"),
            (created.GetProperty("Name").GetString(), created.GetProperty("FunctionVersion").GetString(), created.GetProperty("Description").GetString()));
        var revision = created.GetProperty("RevisionId").GetString()!;

        var got = (await Lambda.Aws.SucceedAsync("lambda", "get-alias", "--function-name", "aliased", "--name", "live")).Json;
        Assert.Equal(revision, got.GetProperty("RevisionId").GetString());
        Assert.Equal("1", (await InvokeAsync("aliased:live")).GetProperty("version").GetString());

        var updated = (await Lambda.Aws.SucceedAsync("lambda", "update-alias", "--function-name", "aliased", "--name", "live",
            "--function-version", "2", "--revision-id", revision)).Json;
        Assert.Equal("2", updated.GetProperty("FunctionVersion").GetString());
        Assert.Equal("production", updated.GetProperty("Description").GetString());
        var byArn = await InvokeAsync($"{Arn}:aliased:live");
        Assert.Equal(("2", $"{Arn}:aliased:live"), (byArn.GetProperty("version").GetString(), byArn.GetProperty("arn").GetString()));
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "update-alias", "--function-name", "aliased", "--name", "live",
            "--function-version", "1", "--revision-id", revision), "PreconditionFailedException", "UpdateAlias", "The Revision Id provided does not match");

        await Lambda.Aws.SucceedAsync("lambda", "create-alias", "--function-name", "aliased", "--name", "beta", "--function-version", "$LATEST");
        var list = (await Lambda.Aws.SucceedAsync("lambda", "list-aliases", "--function-name", "aliased")).Json;
        Assert.Equal(["beta", "live"], list.GetProperty("Aliases").EnumerateArray().Select(a => a.GetProperty("Name").GetString()!).ToArray());
        var onTwo = (await Lambda.Aws.SucceedAsync("lambda", "list-aliases", "--function-name", "aliased", "--function-version", "2")).Json;
        Assert.Equal(["live"], onTwo.GetProperty("Aliases").EnumerateArray().Select(a => a.GetProperty("Name").GetString()!).ToArray());

        // A version an alias points at cannot be deleted.
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "delete-function", "--function-name", "aliased", "--qualifier", "2"),
            "ResourceConflictException", "DeleteFunction", "Unable to delete version because the following aliases reference it: [live]");

        await Lambda.Aws.SucceedAsync("lambda", "delete-alias", "--function-name", "aliased", "--name", "live");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-alias", "--function-name", "aliased", "--name", "live"),
            "ResourceNotFoundException", "GetAlias", $"Function not found: {Arn}:aliased:live");
        await Lambda.Aws.SucceedAsync("lambda", "delete-function", "--function-name", "aliased", "--qualifier", "2");
    }

    [Fact]
    public async Task CreateAlias_InvalidInput_AwsErrors()
    {
        await CreateWithTwoVersionsAsync("alias-errors");
        await Lambda.Aws.SucceedAsync("lambda", "create-alias", "--function-name", "alias-errors", "--name", "live", "--function-version", "1");

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-alias", "--function-name", "alias-errors", "--name", "live", "--function-version", "1"),
            "ResourceConflictException", "CreateAlias", $"Alias already exists: {Arn}:alias-errors:live");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-alias", "--function-name", "alias-errors", "--name", "123", "--function-version", "1"),
            "ValidationException", "CreateAlias",
            "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-alias", "--function-name", "alias-errors", "--name", "gone", "--function-version", "9"),
            "ResourceNotFoundException", "CreateAlias", $"Function not found: {Arn}:alias-errors:9");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-alias", "--function-name", "alias-errors", "--name", "same", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={1=0.5}"),
            "InvalidParameterValueException", "CreateAlias", "Invalid function version 1. Function version 1 is already included in routing configuration.");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-alias", "--function-name", "alias-errors", "--name", "latest", "--function-version", "$LATEST",
            "--routing-config", "AdditionalVersionWeights={1=0.5}"),
            "InvalidParameterValueException", "CreateAlias", "$LATEST is not supported for an alias pointing to more than 1 version");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-alias", "--function-name", "alias-errors", "--name", "two", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.5,3=0.1}"),
            "InvalidParameterValueException", "CreateAlias", "Number of items in AdditionalVersionWeights cannot be greater than 1");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "update-alias", "--function-name", "alias-errors", "--name", "nope", "--function-version", "1"),
            "ResourceNotFoundException", "UpdateAlias", $"Alias not found: {Arn}:alias-errors:nope");
    }

    [Fact]
    public async Task Invoke_AliasWithWeights_SplitsByWeight()
    {
        await CreateWithTwoVersionsAsync("weighted");
        var alias = (await Lambda.Aws.SucceedAsync("lambda", "create-alias", "--function-name", "weighted", "--name", "canary", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.3}")).Json;
        Assert.Equal(0.3, alias.GetProperty("RoutingConfig").GetProperty("AdditionalVersionWeights").GetProperty("2").GetDouble());

        var counts = new Dictionary<string, int> { ["1"] = 0, ["2"] = 0 };
        for (var i = 0; i < 1000; i++)
        {
            var response = await fixture.Http.InvokeAsync("weighted:canary", "{}");
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            counts[response.Header("X-Amz-Executed-Version")!]++;
        }
        // 30 % ± 5 points of 1,000 invokes.
        Assert.InRange(counts["2"], 250, 350);
        Assert.Equal(1000, counts["1"] + counts["2"]);
    }

    [Fact]
    public async Task PolicyAndUrl_OnAlias_BelongToTheAlias()
    {
        await CreateWithTwoVersionsAsync("alias-policy");
        await Lambda.Aws.SucceedAsync("lambda", "create-alias", "--function-name", "alias-policy", "--name", "live", "--function-version", "2");

        var added = (await Lambda.Aws.SucceedAsync("lambda", "add-permission", "--function-name", "alias-policy", "--qualifier", "live",
            "--statement-id", "s3", "--action", "lambda:InvokeFunction", "--principal", "s3.amazonaws.com")).Json;
        using (var statement = JsonDocument.Parse(added.GetProperty("Statement").GetString()!))
        {
            Assert.Equal($"{Arn}:alias-policy:live", statement.RootElement.GetProperty("Resource").GetString());
        }
        var policy = (await Lambda.Aws.SucceedAsync("lambda", "get-policy", "--function-name", "alias-policy:live")).Json;
        Assert.Contains("\"Sid\":\"s3\"", policy.GetProperty("Policy").GetString(), StringComparison.Ordinal);
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-policy", "--function-name", "alias-policy"),
            "ResourceNotFoundException", "GetPolicy", "The resource you requested does not exist.");

        var url = (await Lambda.Aws.SucceedAsync("lambda", "create-function-url-config", "--function-name", "alias-policy", "--qualifier", "live", "--auth-type", "NONE")).Json;
        Assert.Equal($"{Arn}:alias-policy:live", url.GetProperty("FunctionArn").GetString());
        var urlId = new Uri(url.GetProperty("FunctionUrl").GetString()!).Host.Split('.')[0];
        var called = await Curl.AtAsync(fixture.Server, $"{fixture.Server.Endpoint}/_aws/lambda-url/{urlId}/");
        Assert.True(called.Status == 200, called.ToString());
        Assert.Contains("\"version\":\"2\"", called.Text, StringComparison.Ordinal);

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-function-url-config", "--function-name", "alias-policy", "--qualifier", "nope", "--auth-type", "NONE"),
            "ResourceNotFoundException", "CreateFunctionUrlConfig", $"Function not found: {Arn}:alias-policy:nope");

        // The alias' policy and URL go with it.
        await Lambda.Aws.SucceedAsync("lambda", "delete-alias", "--function-name", "alias-policy", "--name", "live");
        await Lambda.Aws.SucceedAsync("lambda", "create-alias", "--function-name", "alias-policy", "--name", "live", "--function-version", "1");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-policy", "--function-name", "alias-policy", "--qualifier", "live"),
            "ResourceNotFoundException", "GetPolicy", "The resource you requested does not exist.");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function-url-config", "--function-name", "alias-policy", "--qualifier", "live"),
            "ResourceNotFoundException", "GetFunctionUrlConfig", "The resource you requested does not exist.");
    }

    /// <summary>A function with version 1 (MODE=one) and version 2 (MODE=two).</summary>
    private async Task CreateWithTwoVersionsAsync(string name)
    {
        await Lambda.CreateAsync(name, VersionFunctions.Reporter, "--environment", "Variables={MODE=one}", "--publish");
        await Lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", name, "--environment", "Variables={MODE=two}");
        await Lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", name);
    }

    private async Task<JsonElement> InvokeAsync(string name) => (await Lambda.InvokeAsync(name, "{}")).PayloadJson;
}
