using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>Clients Fulmen did not write: AWS's JavaScript SDK, and AWS's own Node.js runtime client.</summary>
public sealed class JsClientTests
{
    private static readonly string JsDirectory = Path.Combine(FulmenServer.RepositoryRoot, "tests", "js");

    [Fact]
    public async Task AwsSdkForJavaScript_Lifecycle_WorksEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        var v1 = FunctionZips.Create(server.DataDirectory, "v1", new Dictionary<string, string> { ["index.js"] = Handler(1) });
        var v2 = FunctionZips.Create(server.DataDirectory, "v2", new Dictionary<string, string> { ["index.js"] = Handler(2) });

        var (exitCode, output) = await RunNodeAsync(["--test", "sdk-lifecycle.test.mjs"], new()
        {
            ["FULMEN_ENDPOINT"] = server.Endpoint,
            ["FULMEN_ZIP_V1"] = v1,
            ["FULMEN_ZIP_V2"] = v2,
        });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 1", output, StringComparison.Ordinal);

        static string Handler(int version) => $$"""
            exports.handler = async (event) => {
              console.log('adding one to', event.n);
              return { version: {{version}}, greeting: process.env.GREETING, n: event.n + 1 };
            };
            """;
    }

    [Fact]
    public async Task AwsSdkForJavaScript_EventSourceMappings_WorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        // Writes each event where RECORD_DIR says (when set) and reports the records whose body says "poison" as failed.
        var zip = FunctionZips.Create(server.DataDirectory, "mappings", new Dictionary<string, string>
        {
            ["index.js"] = """
                const fs = require('node:fs');
                const path = require('node:path');
                const crypto = require('node:crypto');
                exports.handler = async (event) => {
                  if (process.env.RECORD_DIR) {
                    const file = path.join(process.env.RECORD_DIR, `event-${crypto.randomUUID()}`);
                    fs.writeFileSync(file + '.tmp', JSON.stringify(event));
                    fs.renameSync(file + '.tmp', file + '.json');
                  }
                  return { batchItemFailures: (event.Records ?? []).filter((r) => r.body.includes('poison')).map((r) => ({ itemIdentifier: r.messageId })) };
                };
                """,
        });

        var (exitCode, output) = await RunNodeAsync(["--test", "sdk-mappings.test.mjs"], new()
        {
            ["FULMEN_ENDPOINT"] = server.Endpoint,
            ["FULMEN_ZIP"] = zip,
            ["FULMEN_RECORD_DIR"] = server.DataDirectory,
        });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_VersionsAliasesProvisionedConcurrency_WorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        var zip = FunctionZips.Create(server.DataDirectory, "versions", new Dictionary<string, string>
        {
            ["index.js"] = """
                exports.handler = async () => ({
                  version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
                  initType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE,
                });
                """,
        });

        var (exitCode, output) = await RunNodeAsync(["--test", "sdk-versions.test.mjs"], new()
        {
            ["FULMEN_ENDPOINT"] = server.Endpoint,
            ["FULMEN_ZIP"] = zip,
        });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Sqs_QueuesAndMessagesWorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();

        var (exitCode, output) = await RunNodeAsync(["--test", "sqs.test.mjs"], new() { ["FULMEN_ENDPOINT"] = server.Endpoint });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_EventBridge_BusesRulesAndDeliveryWorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        // Writes each event it gets where RECORD_DIR says.
        var zip = FunctionZips.Create(server.DataDirectory, "events", new Dictionary<string, string>
        {
            ["index.js"] = """
                const fs = require('node:fs');
                const path = require('node:path');
                const crypto = require('node:crypto');
                exports.handler = async (event) => {
                  const file = path.join(process.env.RECORD_DIR, `event-${crypto.randomUUID()}`);
                  fs.writeFileSync(file + '.tmp', JSON.stringify(event));
                  fs.renameSync(file + '.tmp', file + '.json');
                  return {};
                };
                """,
        });

        var (exitCode, output) = await RunNodeAsync(["--test", "events.test.mjs"], new()
        {
            ["FULMEN_ENDPOINT"] = server.Endpoint,
            ["FULMEN_ZIP"] = zip,
            ["FULMEN_RECORD_DIR"] = server.DataDirectory,
        });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Sns_TopicsFiltersAndDeliveriesWorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        // Writes each event it gets where RECORD_DIR says.
        var zip = FunctionZips.Create(server.DataDirectory, "sns", new Dictionary<string, string>
        {
            ["index.js"] = """
                const fs = require('node:fs');
                const path = require('node:path');
                const crypto = require('node:crypto');
                exports.handler = async (event) => {
                  const file = path.join(process.env.RECORD_DIR, `event-${crypto.randomUUID()}`);
                  fs.writeFileSync(file + '.tmp', JSON.stringify(event));
                  fs.renameSync(file + '.tmp', file + '.json');
                  return {};
                };
                """,
        });

        var (exitCode, output) = await RunNodeAsync(["--test", "sns.test.mjs"], new()
        {
            ["FULMEN_ENDPOINT"] = server.Endpoint,
            ["FULMEN_ZIP"] = zip,
            ["FULMEN_RECORD_DIR"] = server.DataDirectory,
        });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Scheduler_SchedulesGroupsAndFiringWorkEndToEnd()
    {
        var clock = await ServerClock.StartAsync(new DateTimeOffset(2027, 1, 15, 7, 0, 0, TimeSpan.Zero));
        await using var server = clock.Server;

        var (exitCode, output) = await RunNodeAsync(["--test", "scheduler.test.mjs"], new() { ["FULMEN_ENDPOINT"] = server.Endpoint });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_TestEventPattern_AnswersAsAwsForItsDocumentedExamples()
    {
        await using var server = await FulmenServer.StartAsync();

        var (exitCode, output) = await RunNodeAsync(["--test", "events-patterns.test.mjs"], new() { ["FULMEN_ENDPOINT"] = server.Endpoint });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        Assert.Matches(@"# pass [1-9][0-9]", output);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Pipes_WorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();

        var (exitCode, output) = await RunNodeAsync(["--test", "pipes.test.mjs"], new() { ["FULMEN_ENDPOINT"] = server.Endpoint });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_SqsDeadLetterRedrive_WorksEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();

        var (exitCode, output) = await RunNodeAsync(["--test", "sqs-redrive.test.mjs"], new() { ["FULMEN_ENDPOINT"] = server.Endpoint });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# pass 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsLambdaRic_AsProvidedBootstrap_ServesInvocations()
    {
        var ric = Path.Combine(JsDirectory, "node_modules", "aws-lambda-ric", "index.mjs");
        Assert.True(File.Exists(ric), $"aws-lambda-ric is not installed at {ric}: run scripts/install-test-deps.sh");
        await using var server = await FulmenServer.StartAsync();
        var zip = FunctionZips.Create(server.DataDirectory, "ric", new Dictionary<string, string>
        {
            ["bootstrap"] = $"#!/bin/sh\nexec /usr/bin/node '{ric}'\n",
            ["app.mjs"] = """
                export const handler = async (event, context) => ({ doubled: event.value * 2, requestId: context.awsRequestId });
                """,
        });
        var aws = new AwsCli(server);
        await aws.SucceedAsync("lambda", "create-function", "--function-name", "ric", "--runtime", "provided.al2023",
            "--handler", "app.handler", "--role", "arn:aws:iam::000000000000:role/r", "--zip-file", $"fileb://{zip}");

        using var http = new HttpClient();
        for (var value = 1; value <= 3; value++)
        {
            using var response = await http.PostAsync(new Uri($"{server.Endpoint}/2015-03-31/functions/ric/invocations"),
                JsonContent.Create(new { value }));
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(response.Headers.Contains("X-Amz-Function-Error"), $"function error: {body}\nserver:\n{server.Output}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal(value * 2, json.RootElement.GetProperty("doubled").GetInt32());
            Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), json.RootElement.GetProperty("requestId").GetString());
        }
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = JsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
