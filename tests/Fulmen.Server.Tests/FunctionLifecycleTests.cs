using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// A function's whole life through Debian's AWS CLI against the real server: create, wait, read, list,
/// invoke with log tail, update code and configuration, tag, account settings, delete. One subclass per
/// runtime, so the three run in parallel.
/// </summary>
public abstract partial class FunctionLifecycleTests(TestFunction original, TestFunction updated)
{
    private const string AccountId = "000000000000";

    /// <summary>
    /// What the original code answers: <c>{"echo": event, "shout": NAME}</c> (Node.js, Python); the shell
    /// echo has no <c>shout</c>. The updated code answers <c>{"version": 2, "greeting": $GREETING, "echo": event}</c>.
    /// </summary>
    protected virtual JsonNode ExpectedAnswer(JsonObject invocationEvent, string name) =>
        new JsonObject { ["echo"] = invocationEvent.DeepClone(), ["shout"] = name.ToUpperInvariant() };

    /// <summary>The line the original code logs for this invocation, as it appears in the log tail.</summary>
    protected abstract string ExpectedLogLine(string name, string requestId);

    [Fact]
    public async Task Lifecycle_ThroughAwsCli_BehavesAsAws()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        var function = $"lifecycle-{original.Runtime.Replace('.', '-')}";
        var arn = $"arn:aws:lambda:us-east-1:{AccountId}:function:{function}";
        var name = $"Ada-{Guid.NewGuid():N}"[..12];
        var invocationEvent = new JsonObject { ["name"] = name };

        // create-function: Pending, with every field as sent and the code's hash and size.
        var (zip, created) = await lambda.CreateAsync(function, original,
            "--memory-size", "256", "--timeout", "7", "--environment", "Variables={GREETING=Hello}", "--description", "lifecycle test");
        var zipBytes = await File.ReadAllBytesAsync(zip);
        Assert.Equal(function, created.GetProperty("FunctionName").GetString());
        Assert.Equal(arn, created.GetProperty("FunctionArn").GetString());
        Assert.Equal("Pending", created.GetProperty("State").GetString());
        Assert.Equal("Creating", created.GetProperty("StateReasonCode").GetString());
        Assert.False(created.TryGetProperty("LastUpdateStatus", out _), "CreateFunction reports no LastUpdateStatus yet");
        Assert.Equal(Sha256(zipBytes), created.GetProperty("CodeSha256").GetString());
        Assert.Equal(zipBytes.Length, created.GetProperty("CodeSize").GetInt64());
        Assert.Equal(original.Runtime, created.GetProperty("Runtime").GetString());
        Assert.Equal(original.Handler, created.GetProperty("Handler").GetString());
        Assert.Equal(TestFunctions.Role, created.GetProperty("Role").GetString());
        Assert.Equal(256, created.GetProperty("MemorySize").GetInt32());
        Assert.Equal(7, created.GetProperty("Timeout").GetInt32());
        Assert.Equal("lifecycle test", created.GetProperty("Description").GetString());
        Assert.Equal("$LATEST", created.GetProperty("Version").GetString());
        Assert.Equal("Hello", created.GetProperty("Environment").GetProperty("Variables").GetProperty("GREETING").GetString());
        var revision = created.GetProperty("RevisionId").GetString();
        Assert.False(string.IsNullOrEmpty(revision));

        // The CLI's own waiter polls GetFunction until State is Active.
        await lambda.Aws.SucceedAsync("lambda", "wait", "function-active-v2", "--function-name", function);

        // get-function: Active, Successful, and Code.Location serves the zip as uploaded.
        var got = (await lambda.Aws.SucceedAsync("lambda", "get-function", "--function-name", function)).Json;
        var configuration = got.GetProperty("Configuration");
        Assert.Equal("Active", configuration.GetProperty("State").GetString());
        Assert.Equal("Successful", configuration.GetProperty("LastUpdateStatus").GetString());
        Assert.Equal(revision, configuration.GetProperty("RevisionId").GetString());
        Assert.Equal(zipBytes, await http.DownloadAsync(got.GetProperty("Code").GetProperty("Location").GetString()!));

        // get-function-configuration: the same configuration get-function showed.
        var alone = (await lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", function)).Json;
        AssertSameJson(configuration, alone);

        // list-functions: listed without the state members, as AWS lists.
        var listed = (await lambda.Aws.SucceedAsync("lambda", "list-functions")).Json.GetProperty("Functions").EnumerateArray()
            .Single(f => f.GetProperty("FunctionName").GetString() == function);
        Assert.Equal(arn, listed.GetProperty("FunctionArn").GetString());
        Assert.Equal(Sha256(zipBytes), listed.GetProperty("CodeSha256").GetString());
        Assert.False(listed.TryGetProperty("State", out _), "ListFunctions leaves State out");

        // invoke --log-type Tail: the answer, and START/END/REPORT around the function's own log line.
        var invoked = await lambda.InvokeAsync(function, invocationEvent.ToJsonString(), logTail: true);
        Assert.Equal(200, invoked.Metadata.GetProperty("StatusCode").GetInt32());
        Assert.Equal("$LATEST", invoked.Metadata.GetProperty("ExecutedVersion").GetString());
        Assert.True(invoked.FunctionError is null, invoked.Payload);
        AssertSameJson(ExpectedAnswer(invocationEvent, name), invoked.Payload);
        var log = invoked.Log ?? throw new Xunit.Sdk.XunitException("invoke --log-type Tail printed no LogResult");
        var requestId = StartLine().Match(log) is { Success: true } start ? start.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"no START line in the log tail:\n{log}");
        Assert.Contains($"END RequestId: {requestId}\n", log, StringComparison.Ordinal);
        Assert.Matches($@"REPORT RequestId: {requestId}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms", log);
        Assert.Contains(ExpectedLogLine(name, requestId), log, StringComparison.Ordinal);
        Assert.True(log.IndexOf(ExpectedLogLine(name, requestId), StringComparison.Ordinal) < log.IndexOf("END RequestId", StringComparison.Ordinal),
            $"the function's log line belongs between START and END:\n{log}");

        // update-function-code: a new hash and revision; the next invoke runs the new code.
        var updatedZip = lambda.Zip($"{function}-v2", updated);
        var codeUpdate = (await lambda.Aws.SucceedAsync("lambda", "update-function-code", "--function-name", function,
            "--zip-file", $"fileb://{updatedZip}")).Json;
        Assert.Equal(Sha256(await File.ReadAllBytesAsync(updatedZip)), codeUpdate.GetProperty("CodeSha256").GetString());
        var codeRevision = codeUpdate.GetProperty("RevisionId").GetString();
        Assert.NotEqual(revision, codeRevision);
        await lambda.Aws.SucceedAsync("lambda", "wait", "function-updated-v2", "--function-name", function);
        AssertSameJson(Greeting("Hello", invocationEvent), (await lambda.InvokeAsync(function, invocationEvent.ToJsonString())).Payload);

        // update-function-configuration: a new revision; the next invoke sees the new variable.
        var configUpdate = (await lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", function,
            "--environment", "Variables={GREETING=Bonjour}")).Json;
        Assert.Equal("Bonjour", configUpdate.GetProperty("Environment").GetProperty("Variables").GetProperty("GREETING").GetString());
        Assert.NotEqual(codeRevision, configUpdate.GetProperty("RevisionId").GetString());
        Assert.Equal(256, configUpdate.GetProperty("MemorySize").GetInt32());
        await lambda.Aws.SucceedAsync("lambda", "wait", "function-updated-v2", "--function-name", function);
        AssertSameJson(Greeting("Bonjour", invocationEvent), (await lambda.InvokeAsync(function, invocationEvent.ToJsonString())).Payload);

        // tag-resource, list-tags, untag-resource.
        await lambda.Aws.SucceedAsync("lambda", "tag-resource", "--resource", arn, "--tags", "team=fulmen,stage=test");
        Assert.Equal(new Dictionary<string, string> { ["team"] = "fulmen", ["stage"] = "test" }, await TagsAsync(lambda, arn));
        await lambda.Aws.SucceedAsync("lambda", "untag-resource", "--resource", arn, "--tag-keys", "stage");
        Assert.Equal(new Dictionary<string, string> { ["team"] = "fulmen" }, await TagsAsync(lambda, arn));

        // get-account-settings: this server's one function and its current code.
        var settings = (await lambda.Aws.SucceedAsync("lambda", "get-account-settings")).Json;
        Assert.Equal(1, settings.GetProperty("AccountUsage").GetProperty("FunctionCount").GetInt32());
        Assert.Equal(new FileInfo(updatedZip).Length, settings.GetProperty("AccountUsage").GetProperty("TotalCodeSize").GetInt64());
        var limits = settings.GetProperty("AccountLimit");
        Assert.InRange(limits.GetProperty("UnreservedConcurrentExecutions").GetInt32(), 1, limits.GetProperty("ConcurrentExecutions").GetInt32());

        // delete-function, after which the function is not found and its warm environment is gone.
        Assert.NotEmpty(Processes.StartedBy(server));
        await lambda.Aws.SucceedAsync("lambda", "delete-function", "--function-name", function);
        Assert.Empty(Processes.StartedBy(server));
        LambdaCli.AssertServiceError(await lambda.Aws.RunAsync("lambda", "get-function", "--function-name", function),
            "ResourceNotFoundException", "GetFunction", $"Function not found: {arn}");
    }

    private static JsonObject Greeting(string greeting, JsonObject invocationEvent) => new()
    {
        ["version"] = 2,
        ["greeting"] = greeting,
        ["echo"] = invocationEvent.DeepClone(),
    };

    private static async Task<Dictionary<string, string>> TagsAsync(LambdaCli lambda, string arn) =>
        (await lambda.Aws.SucceedAsync("lambda", "list-tags", "--resource", arn)).Json.GetProperty("Tags")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static string Sha256(byte[] bytes) => Convert.ToBase64String(SHA256.HashData(bytes));

    private static void AssertSameJson(JsonElement expected, JsonElement actual) =>
        AssertSameJson(JsonNode.Parse(expected.GetRawText())!, actual.GetRawText());

    private static void AssertSameJson(JsonNode expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), $"expected {expected.ToJsonString()}\nactual   {actual}");

    [GeneratedRegex(@"START RequestId: (\S+) Version: \$LATEST\n")]
    private static partial Regex StartLine();
}

[Trait("Backend", "Both")]
public sealed class NodeFunctionLifecycleTests() : FunctionLifecycleTests(TestFunctions.NodeEcho, TestFunctions.NodeGreeter)
{
    // console.log lines are "timestamp<TAB>requestId<TAB>INFO<TAB>message", as on AWS.
    protected override string ExpectedLogLine(string name, string requestId) => $"\t{requestId}\tINFO\tnode saw {name}\n";
}

[Trait("Backend", "Both")]
public sealed class PythonFunctionLifecycleTests() : FunctionLifecycleTests(TestFunctions.PythonEcho, TestFunctions.PythonGreeter)
{
    protected override string ExpectedLogLine(string name, string requestId) => $"python saw {name}\n";
}

public sealed class ProvidedFunctionLifecycleTests() : FunctionLifecycleTests(TestFunctions.ProvidedEcho, TestFunctions.ProvidedGreeter)
{
    protected override JsonNode ExpectedAnswer(JsonObject invocationEvent, string name) => new JsonObject { ["echo"] = invocationEvent.DeepClone() };

    protected override string ExpectedLogLine(string name, string requestId) => $"handling {requestId}\n";
}
