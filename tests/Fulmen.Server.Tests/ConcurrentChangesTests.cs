using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Every change to a function is one mutation: fifty changes of seven kinds sent at once to one function all land
/// (none overwrites another with a stale copy), and what the server answers from memory is what it stored (the
/// same answers after a restart, which reads everything back from the store).
/// </summary>
[Trait("Backend", "Both")]
public sealed class ConcurrentChangesTests
{
    private const string Name = "mixed";
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function:mixed";

    [Fact]
    public async Task FiftyConcurrentMixedChanges_AllApplied_AndTheSameAfterRestart()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new LambdaHttp(server);
        await http.CreateFunctionAsync(Name, TestFunctions.NodeEcho);
        var zip = Convert.ToBase64String(await File.ReadAllBytesAsync(TestFunctions.NodeEcho.Zip(server, "mixed-update")));

        var changes = new List<(HttpMethod Method, string Path, string Body)>();
        for (var i = 0; i < 23; i++)
        {
            changes.Add((HttpMethod.Post, $"/2017-03-31/tags/{Arn}", $$$"""{"Tags":{"tag-{{{i}}}":"value-{{{i}}}"}}"""));
        }
        for (var i = 0; i < 15; i++)
        {
            changes.Add((HttpMethod.Post, $"/2015-03-31/functions/{Name}/policy",
                $$"""{"StatementId":"sid-{{i}}","Action":"lambda:InvokeFunction","Principal":"s3.amazonaws.com","SourceArn":"arn:aws:s3:::bucket-{{i}}"}"""));
        }
        for (var i = 0; i < 5; i++)
        {
            changes.Add((HttpMethod.Put, $"/2015-03-31/functions/{Name}/configuration", $$$"""{"Description":"change-{{{i}}}","Timeout":{{{10 + i}}}}"""));
        }
        for (var i = 1; i <= 4; i++)
        {
            changes.Add((HttpMethod.Put, $"/2017-10-31/functions/{Name}/concurrency", $$$"""{"ReservedConcurrentExecutions":{{{i}}}}"""));
        }
        changes.Add((HttpMethod.Post, $"/2021-10-31/functions/{Name}/url", """{"AuthType":"NONE"}"""));
        changes.Add((HttpMethod.Put, $"/2019-09-25/functions/{Name}/event-invoke-config", """{"MaximumRetryAttempts":1,"MaximumEventAgeInSeconds":120}"""));
        changes.Add((HttpMethod.Put, $"/2015-03-31/functions/{Name}/code", $$"""{"ZipFile":"{{zip}}"}"""));
        Assert.Equal(50, changes.Count);

        await http.OpenConnectionsAsync(50);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = changes.Select(async change =>
        {
            await start.Task;
            return (change, await http.SendAsync(change.Method, change.Path, change.Body));
        }).ToArray();
        start.SetResult();
        var failed = (await Task.WhenAll(sent)).Where(r => (int)r.Item2.Status >= 300).Select(r => $"{r.change.Method} {r.change.Path}: {r.Item2}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));

        var before = await SnapshotAsync(http);
        var tags = before.GetProperty("tags").GetProperty("Tags");
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"tag-{i}").Order(StringComparer.Ordinal),
            tags.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var statements = JsonDocument.Parse(before.GetProperty("policy").GetProperty("Policy").GetString()!).RootElement.GetProperty("Statement")
            .EnumerateArray().Select(s => s.GetProperty("Sid").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 15).Select(i => $"sid-{i}").Append("FunctionURLAllowPublicAccess").Order(StringComparer.Ordinal), statements);
        var configuration = before.GetProperty("configuration");
        var description = configuration.GetProperty("Description").GetString()!;
        Assert.StartsWith("change-", description, StringComparison.Ordinal);
        Assert.Equal(10 + int.Parse(description["change-".Length..], System.Globalization.CultureInfo.InvariantCulture), configuration.GetProperty("Timeout").GetInt32());
        Assert.InRange(before.GetProperty("concurrency").GetProperty("ReservedConcurrentExecutions").GetInt32(), 1, 4);
        Assert.Equal("NONE", before.GetProperty("urls").GetProperty("FunctionUrlConfigs")[0].GetProperty("AuthType").GetString());
        Assert.Equal(1, before.GetProperty("eventInvokeConfig").GetProperty("MaximumRetryAttempts").GetInt32());

        var port = server.Port;
        await server.StopAsync();
        await server.RestartAsync();
        var after = await SnapshotAsync(http);
        // The function URL names the server's port, which a restart changes.
        Assert.Equal(before.GetRawText().Replace($":{port}/", $":{server.Port}/", StringComparison.Ordinal), after.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await http.InvokeAsync(Name, """{"still":"runs"}""")).Status);
    }

    /// <summary>Everything the Lambda API shows of the function, as one JSON object.</summary>
    private static async Task<JsonElement> SnapshotAsync(LambdaHttp http)
    {
        var parts = new Dictionary<string, JsonElement>
        {
            ["configuration"] = await ReadAsync(http, $"/2015-03-31/functions/{Name}/configuration"),
            ["tags"] = await ReadAsync(http, $"/2017-03-31/tags/{Arn}"),
            ["policy"] = await ReadAsync(http, $"/2015-03-31/functions/{Name}/policy"),
            ["concurrency"] = await ReadAsync(http, $"/2019-09-30/functions/{Name}/concurrency"),
            ["urls"] = await ReadAsync(http, $"/2021-10-31/functions/{Name}/urls"),
            ["eventInvokeConfig"] = await ReadAsync(http, $"/2019-09-25/functions/{Name}/event-invoke-config"),
        };
        return JsonSerializer.SerializeToElement(parts);
    }

    private static async Task<JsonElement> ReadAsync(LambdaHttp http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.Status == HttpStatusCode.OK, $"GET {path}: {response}");
        return response.Json.Clone();
    }
}
