using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;
using static Fulmen.Server.Tests.Pipes.PipesCli;

namespace Fulmen.Server.Tests.Pipes;

/// <summary>EventBridge Pipes' control plane through the AWS CLI (<c>aws pipes</c>): CRUD, states, paging, tags, errors.</summary>
[Trait("Backend", "Both")]
public sealed class PipesCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task CreateDescribeUpdateDelete_AsAwsAnswers_StatesSettle()
    {
        await CreateQueueAsync(Aws, "pipes-crud-src");
        await CreateQueueAsync(Aws, "pipes-crud-dst");
        var created = (await Aws.SucceedAsync("pipes", "create-pipe", "--name", "crud", "--role-arn", Role,
            "--source", QueueArn("pipes-crud-src"), "--target", QueueArn("pipes-crud-dst"), "--description", "first",
            "--source-parameters", """{"SqsQueueParameters":{"BatchSize":5},"FilterCriteria":{"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"a\"]}}"}]}}""",
            "--tags", "team=shop")).Json;
        Assert.Equal($"arn:aws:pipes:us-east-1:{Account}:pipe/crud", created.GetProperty("Arn").GetString());
        Assert.Equal("CREATING", created.GetProperty("CurrentState").GetString());
        Assert.Equal("RUNNING", created.GetProperty("DesiredState").GetString());
        Assert.Equal("crud", created.GetProperty("Name").GetString());

        var running = await WaitForStateAsync(Aws, "crud", "RUNNING");
        Assert.Equal("first", running.GetProperty("Description").GetString());
        Assert.Equal(Role, running.GetProperty("RoleArn").GetString());
        Assert.Equal(QueueArn("pipes-crud-src"), running.GetProperty("Source").GetString());
        Assert.Equal(5, running.GetProperty("SourceParameters").GetProperty("SqsQueueParameters").GetProperty("BatchSize").GetInt32());
        Assert.Equal("""{"body":{"kind":["a"]}}""",
            running.GetProperty("SourceParameters").GetProperty("FilterCriteria").GetProperty("Filters")[0].GetProperty("Pattern").GetString());
        Assert.Equal("shop", running.GetProperty("Tags").GetProperty("team").GetString());

        var stopped = (await Aws.SucceedAsync("pipes", "stop-pipe", "--name", "crud")).Json;
        Assert.Equal("STOPPING", stopped.GetProperty("CurrentState").GetString());
        Assert.Equal("STOPPED", stopped.GetProperty("DesiredState").GetString());
        await WaitForStateAsync(Aws, "crud", "STOPPED");
        var started = (await Aws.SucceedAsync("pipes", "start-pipe", "--name", "crud")).Json;
        Assert.Equal("STARTING", started.GetProperty("CurrentState").GetString());
        await WaitForStateAsync(Aws, "crud", "RUNNING");

        var updated = (await Aws.SucceedAsync("pipes", "update-pipe", "--name", "crud", "--role-arn", Role, "--description", "second",
            "--source-parameters", """{"SqsQueueParameters":{"BatchSize":7}}""", "--desired-state", "STOPPED")).Json;
        Assert.Equal("UPDATING", updated.GetProperty("CurrentState").GetString());
        var after = await WaitForStateAsync(Aws, "crud", "STOPPED");
        Assert.Equal("second", after.GetProperty("Description").GetString());
        Assert.Equal(7, after.GetProperty("SourceParameters").GetProperty("SqsQueueParameters").GetProperty("BatchSize").GetInt32());
        // Update replaces the objects it names and keeps the others (the filter stays).
        Assert.Equal(1, after.GetProperty("SourceParameters").GetProperty("FilterCriteria").GetProperty("Filters").GetArrayLength());

        var deleted = (await Aws.SucceedAsync("pipes", "delete-pipe", "--name", "crud")).Json;
        Assert.Equal("DELETING", deleted.GetProperty("CurrentState").GetString());
        Assert.Equal("DELETED", deleted.GetProperty("DesiredState").GetString());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await Aws.RunAsync("pipes", "describe-pipe", "--name", "crud")).ExitCode == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "describe-pipe", "--name", "crud"), "NotFoundException", "DescribePipe", "Pipe crud does not exist.");
    }

    [Fact]
    public async Task ListPipes_FiltersByPrefixesAndStates_PagesWithNextToken()
    {
        await CreateQueueAsync(Aws, "pipes-list-src");
        await CreateQueueAsync(Aws, "pipes-list-other");
        foreach (var (name, source, state) in new[] { ("list-a1", "pipes-list-src", "RUNNING"), ("list-a2", "pipes-list-src", "STOPPED"), ("list-a3", "pipes-list-other", "RUNNING"), ("list-b1", "pipes-list-src", "STOPPED") })
        {
            await Aws.SucceedAsync("pipes", "create-pipe", "--name", name, "--role-arn", Role, "--source", QueueArn(source),
                "--target", FunctionArn("nothing-" + name), "--desired-state", state);
            await WaitForStateAsync(Aws, name, state);
        }

        string[] Names(JsonElement list) => [.. list.GetProperty("Pipes").EnumerateArray().Select(p => p.GetProperty("Name").GetString()!)];
        Assert.Equal(["list-a1", "list-a2", "list-a3"], Names((await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-a")).Json));
        Assert.Equal(["list-a1", "list-a2", "list-b1"], Names((await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-", "--source-prefix", QueueArn("pipes-list-src"))).Json));
        Assert.Equal(["list-a2", "list-b1"], Names((await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-", "--desired-state", "STOPPED")).Json));
        Assert.Equal(["list-a1", "list-a3"], Names((await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-", "--current-state", "RUNNING")).Json));
        Assert.Equal(["list-a3"], Names((await Aws.SucceedAsync("pipes", "list-pipes", "--target-prefix", FunctionArn("nothing-list-a3"))).Json));
        var item = (await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-a1")).Json.GetProperty("Pipes")[0];
        Assert.Equal(QueueArn("pipes-list-src"), item.GetProperty("Source").GetString());
        Assert.Equal($"arn:aws:pipes:us-east-1:{Account}:pipe/list-a1", item.GetProperty("Arn").GetString());

        var page = (await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-", "--limit", "3", "--no-paginate")).Json;
        Assert.Equal(["list-a1", "list-a2", "list-a3"], Names(page));
        var next = (await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-", "--limit", "3", "--no-paginate",
            "--next-token", page.GetProperty("NextToken").GetString()!)).Json;
        Assert.Equal(["list-b1"], Names(next));
        Assert.False(next.TryGetProperty("NextToken", out _));
        // The CLI's own paginator follows the tokens.
        Assert.Equal(["list-a1", "list-a2", "list-a3", "list-b1"], Names((await Aws.SucceedAsync("pipes", "list-pipes", "--name-prefix", "list-", "--page-size", "1")).Json));
    }

    [Fact]
    public async Task Tags_TagUntagList_ByPipeArn()
    {
        await CreateQueueAsync(Aws, "pipes-tags-src");
        var arn = (await Aws.SucceedAsync("pipes", "create-pipe", "--name", "tagged", "--role-arn", Role, "--source", QueueArn("pipes-tags-src"),
            "--target", FunctionArn("nothing"), "--desired-state", "STOPPED", "--tags", "a=1")).Json.GetProperty("Arn").GetString()!;
        await Aws.SucceedAsync("pipes", "tag-resource", "--resource-arn", arn, "--tags", "b=2,c=3");
        await Aws.SucceedAsync("pipes", "untag-resource", "--resource-arn", arn, "--tag-keys", "a", "c");
        var tags = (await Aws.SucceedAsync("pipes", "list-tags-for-resource", "--resource-arn", arn)).Json.GetProperty("tags");
        Assert.Equal(["b"], tags.EnumerateObject().Select(t => t.Name));
        Assert.Equal("2", tags.GetProperty("b").GetString());
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "list-tags-for-resource", "--resource-arn", $"arn:aws:pipes:us-east-1:{Account}:pipe/nope"),
            "NotFoundException", "ListTagsForResource", "Pipe nope does not exist.");
    }

    [Fact]
    public async Task Errors_ValidationNotFoundConflict_AsAwsAnswersThem()
    {
        await CreateQueueAsync(Aws, "pipes-err-src");
        var source = QueueArn("pipes-err-src");
        var kinesis = await Aws.RunAsync("pipes", "create-pipe", "--name", "k", "--role-arn", Role,
            "--source", "arn:aws:kinesis:us-east-1:000000000000:stream/s", "--target", FunctionArn("f"));
        LambdaCli.AssertServiceError(kinesis, "ValidationException", "CreatePipe", "1 validation error detected: Source arn:aws:kinesis:us-east-1:000000000000:stream/s is not supported yet");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "create-pipe", "--name", "bad name", "--role-arn", Role, "--source", source, "--target", FunctionArn("f")),
            "ValidationException", "CreatePipe", "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "create-pipe", "--name", "r", "--role-arn", "not-a-role", "--source", source, "--target", FunctionArn("f")),
            "ValidationException", "CreatePipe", "1 validation error detected: Value 'not-a-role' at 'roleArn' failed to satisfy constraint");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "create-pipe", "--name", "b", "--role-arn", Role, "--source", source, "--target", FunctionArn("f"),
            "--source-parameters", """{"SqsQueueParameters":{"BatchSize":20000}}"""),
            "ValidationException", "CreatePipe", "1 validation error detected: Value '20000' at 'sourceParameters.sqsQueueParameters.batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "create-pipe", "--name", "f", "--role-arn", Role, "--source", source, "--target", FunctionArn("f"),
            "--source-parameters", """{"FilterCriteria":{"Filters":[{"Pattern":"{\"body\":\"not-a-list\"}"}]}}"""),
            "ValidationException", "CreatePipe", "1 validation error detected: Invalid filter pattern definition.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "create-pipe", "--name", "t", "--role-arn", Role, "--source", source,
            "--target", "arn:aws:states:us-east-1:000000000000:stateMachine:m"),
            "ValidationException", "CreatePipe", "1 validation error detected: Target arn:aws:states:us-east-1:000000000000:stateMachine:m is not supported yet");

        // The fieldList names the field, as AWS's ValidationException does.
        var raw = await Aws.RunAsync("pipes", "create-pipe", "--name", "bad name", "--role-arn", Role, "--source", source, "--target", FunctionArn("f"), "--debug");
        Assert.Contains("\"fieldList\":[{\"name\":\"name\",\"message\":", raw.StandardError, StringComparison.Ordinal);

        await Aws.SucceedAsync("pipes", "create-pipe", "--name", "dup", "--role-arn", Role, "--source", source, "--target", FunctionArn("f"), "--desired-state", "STOPPED");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "create-pipe", "--name", "dup", "--role-arn", Role, "--source", source, "--target", FunctionArn("f")),
            "ConflictException", "CreatePipe", "Pipe dup already exists.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "start-pipe", "--name", "missing"), "NotFoundException", "StartPipe", "Pipe missing does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "stop-pipe", "--name", "missing"), "NotFoundException", "StopPipe", "Pipe missing does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "delete-pipe", "--name", "missing"), "NotFoundException", "DeletePipe", "Pipe missing does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("pipes", "update-pipe", "--name", "missing", "--role-arn", Role), "NotFoundException", "UpdatePipe", "Pipe missing does not exist.");
    }
}
