using System.Net;
using System.Text;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// AddPermission, RemovePermission and GetPolicy through Debian's AWS CLI: AWS's statement and policy documents
/// (JSON carried in strings), the function's RevisionId, and AWS's errors.
/// </summary>
[Trait("Backend", "Both")]
public sealed class PermissionsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function";

    private LambdaCli Lambda => fixture.Lambda;

    [Fact]
    public async Task AddPermission_S3WithSourceArnAndAccount_StatementInAwsShape()
    {
        await CreateAsync("perm-s3");

        var added = await AddAsync("perm-s3", "lambda-allow-s3", "s3.amazonaws.com",
            "--source-arn", "arn:aws:s3:::my-bucket", "--source-account", "123456789012");

        Assert.Equal(
            """{"Sid":"lambda-allow-s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"FUNCTION","Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::my-bucket"}}}"""
                .Replace("FUNCTION", $"{Arn}:perm-s3", StringComparison.Ordinal),
            added.GetProperty("Statement").GetString());
    }

    [Fact]
    public async Task GetPolicy_TwoStatements_BothInOrderWithTheFunctionsNewRevisionId()
    {
        await CreateAsync("perm-two");
        var before = await RevisionAsync("perm-two");
        var s3 = (await AddAsync("perm-two", "from-s3", "s3.amazonaws.com", "--source-arn", "arn:aws:s3:::my-bucket")).GetProperty("Statement").GetString();
        var account = (await AddAsync("perm-two", "from-account", "111122223333")).GetProperty("Statement").GetString();

        var got = (await Lambda.Aws.SucceedAsync("lambda", "get-policy", "--function-name", "perm-two")).Json;

        Assert.Equal(
            $$"""{"Version":"2012-10-17","Id":"default","Statement":[{{s3}},{{account}}]}""",
            got.GetProperty("Policy").GetString());
        Assert.Contains("""
            "Principal":{"AWS":"arn:aws:iam::111122223333:root"}
            """, account, StringComparison.Ordinal);
        var revision = got.GetProperty("RevisionId").GetString();
        Assert.NotEqual(before, revision);
        Assert.Equal(await RevisionAsync("perm-two"), revision);
    }

    [Fact]
    public async Task AddPermission_DuplicateSid_ResourceConflictException()
    {
        await CreateAsync("perm-duplicate");
        await AddAsync("perm-duplicate", "same", "s3.amazonaws.com");

        LambdaCli.AssertServiceError(await TryAddAsync("perm-duplicate", "same", "sns.amazonaws.com"),
            "ResourceConflictException", "AddPermission",
            "The statement id (same) provided already exists. Please provide a new statement id, or remove the existing statement.");
    }

    [Fact]
    public async Task RemovePermission_OneOfTwoThenTheLast_PolicyShrinksThenIsGone()
    {
        await CreateAsync("perm-remove");
        await AddAsync("perm-remove", "first", "s3.amazonaws.com");
        await AddAsync("perm-remove", "second", "*");

        await Lambda.Aws.SucceedAsync("lambda", "remove-permission", "--function-name", "perm-remove", "--statement-id", "first");
        var policy = JsonDocument.Parse((await Lambda.Aws.SucceedAsync("lambda", "get-policy", "--function-name", "perm-remove")).Json
            .GetProperty("Policy").GetString()!).RootElement;
        var only = Assert.Single(policy.GetProperty("Statement").EnumerateArray());
        Assert.Equal("second", only.GetProperty("Sid").GetString());
        Assert.Equal("*", only.GetProperty("Principal").GetString());

        await Lambda.Aws.SucceedAsync("lambda", "remove-permission", "--function-name", "perm-remove", "--statement-id", "second");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-policy", "--function-name", "perm-remove"),
            "ResourceNotFoundException", "GetPolicy", "The resource you requested does not exist.");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "remove-permission", "--function-name", "perm-remove", "--statement-id", "second"),
            "ResourceNotFoundException", "RemovePermission", "No policy is associated with the given resource.");
    }

    [Fact]
    public async Task RemovePermission_UnknownSid_ResourceNotFoundException()
    {
        await CreateAsync("perm-unknown-sid");
        await AddAsync("perm-unknown-sid", "known", "s3.amazonaws.com");

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "remove-permission", "--function-name", "perm-unknown-sid", "--statement-id", "unknown"),
            "ResourceNotFoundException", "RemovePermission", "Statement unknown is not found in resource policy.");
    }

    [Fact]
    public async Task AddAndRemovePermission_StaleRevisionId_PreconditionFailedAndCurrentOneWorks()
    {
        await CreateAsync("perm-revision");
        var stale = await RevisionAsync("perm-revision");
        await AddAsync("perm-revision", "first", "s3.amazonaws.com", "--revision-id", stale);

        const string Message = "The Revision Id provided does not match the latest Revision Id.";
        LambdaCli.AssertServiceError(await TryAddAsync("perm-revision", "second", "s3.amazonaws.com", "--revision-id", stale),
            "PreconditionFailedException", "AddPermission", Message);
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "remove-permission", "--function-name", "perm-revision",
                "--statement-id", "first", "--revision-id", stale),
            "PreconditionFailedException", "RemovePermission", Message);

        var current = (await Lambda.Aws.SucceedAsync("lambda", "get-policy", "--function-name", "perm-revision")).Json.GetProperty("RevisionId").GetString()!;
        await Lambda.Aws.SucceedAsync("lambda", "remove-permission", "--function-name", "perm-revision", "--statement-id", "first", "--revision-id", current);
    }

    [Fact]
    public async Task AddPermission_LatestQualifier_InvalidParameterValueException()
    {
        await CreateAsync("perm-latest");
        LambdaCli.AssertServiceError(await TryAddAsync("perm-latest", "latest", "s3.amazonaws.com", "--qualifier", "$LATEST"),
            "InvalidParameterValueException", "AddPermission", "We currently do not support adding policies for $LATEST.");
        LambdaCli.AssertServiceError(await TryAddAsync("perm-latest:$LATEST", "latest", "s3.amazonaws.com"),
            "InvalidParameterValueException", "AddPermission", "We currently do not support adding policies for $LATEST.");
    }

    [Fact]
    public async Task AddPermission_InvalidPrincipal_InvalidParameterValueException()
    {
        await CreateAsync("perm-principal");
        LambdaCli.AssertServiceError(await TryAddAsync("perm-principal", "bad", "someone"),
            "InvalidParameterValueException", "AddPermission", "The provided principal was invalid. Please check the principal and try again.");
    }

    [Theory]
    [InlineData("bad sid", "lambda:InvokeFunction",
        "1 validation error detected: Value 'bad sid' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)")]
    [InlineData("ok", "lambda:Invoke-Function",
        "1 validation error detected: Value 'lambda:Invoke-Function' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])")]
    public async Task AddPermission_StatementIdOrActionOffPattern_ValidationException(string sid, string action, string message)
    {
        await CreateAsync($"perm-pattern-{sid.Length}");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "add-permission", "--function-name", $"perm-pattern-{sid.Length}",
                "--statement-id", sid, "--action", action, "--principal", "s3.amazonaws.com"),
            "ValidationException", "AddPermission", message);
    }

    [Fact]
    public async Task GetPolicy_NoStatements_ResourceNotFoundException()
    {
        await CreateAsync("perm-none");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-policy", "--function-name", "perm-none"),
            "ResourceNotFoundException", "GetPolicy", "The resource you requested does not exist.");
    }

    [Fact]
    public async Task PermissionsApi_FunctionOrQualifierMissing_ResourceNotFoundException()
    {
        await CreateAsync("perm-qualifier");
        LambdaCli.AssertServiceError(await TryAddAsync("perm-missing", "s", "s3.amazonaws.com"),
            "ResourceNotFoundException", "AddPermission", $"Function not found: {Arn}:perm-missing");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-policy", "--function-name", "perm-missing"),
            "ResourceNotFoundException", "GetPolicy", $"Function not found: {Arn}:perm-missing");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "remove-permission", "--function-name", "perm-missing", "--statement-id", "s"),
            "ResourceNotFoundException", "RemovePermission", $"Function not found: {Arn}:perm-missing");
        LambdaCli.AssertServiceError(await TryAddAsync("perm-qualifier", "s", "s3.amazonaws.com", "--qualifier", "prod"),
            "ResourceNotFoundException", "AddPermission", $"Function not found: {Arn}:perm-qualifier:prod");
    }

    [Fact]
    public async Task AddAndRemovePermission_OverHttp_201WithStatementStringThen204()
    {
        await CreateAsync("perm-http");
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.Endpoint) };
        const string Body = """{"StatementId":"api","Action":"lambda:InvokeFunction","Principal":"apigateway.amazonaws.com","SourceArn":"arn:aws:execute-api:us-east-1:000000000000:abc123/*/GET/items"}""";

        using var added = await http.PostAsync("/2015-03-31/functions/perm-http/policy", new StringContent(Body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var statement = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("Statement");
        Assert.Equal(JsonValueKind.String, statement.ValueKind);

        using var removed = await http.DeleteAsync("/2015-03-31/functions/perm-http/policy/api");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    private Task CreateAsync(string name) => fixture.Http.CreateFunctionAsync(name, TestFunctions.NodeEcho);

    private async Task<string> RevisionAsync(string name) =>
        (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", name)).Json.GetProperty("RevisionId").GetString()!;

    private async Task<JsonElement> AddAsync(string function, string sid, string principal, params string[] extra) =>
        (await Lambda.Aws.SucceedAsync(AddArguments(function, sid, principal, extra))).Json;

    private Task<AwsCli.Result> TryAddAsync(string function, string sid, string principal, params string[] extra) =>
        Lambda.Aws.RunAsync(AddArguments(function, sid, principal, extra));

    private static string[] AddArguments(string function, string sid, string principal, string[] extra) =>
        ["lambda", "add-permission", "--function-name", function, "--statement-id", sid, "--action", "lambda:InvokeFunction", "--principal", principal, .. extra];
}
