using System.Net.Http.Json;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>Clients Fulmen did not write: AWS's JavaScript SDK, and AWS's own Node.js runtime client.</summary>
public sealed class JsClientTests
{
    [Fact]
    public async Task AwsSdkForJavaScript_Lifecycle_WorksEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        var v1 = FunctionZips.Create(server.DataDirectory, "v1", new Dictionary<string, string> { ["index.js"] = Handler(1) });
        var v2 = FunctionZips.Create(server.DataDirectory, "v2", new Dictionary<string, string> { ["index.js"] = Handler(2) });

        await NodeTests.AssertPassAsync(server, "sdk-lifecycle.test.mjs", tests: 1, new()
        {
            ["FULMEN_ZIP_V1"] = v1,
            ["FULMEN_ZIP_V2"] = v2,
        });

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

        await NodeTests.AssertPassAsync(server, "sdk-mappings.test.mjs", tests: 3, new()
        {
            ["FULMEN_ZIP"] = zip,
            ["FULMEN_RECORD_DIR"] = server.DataDirectory,
        });
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

        await NodeTests.AssertPassAsync(server, "sdk-versions.test.mjs", tests: 1, new()
        {
            ["FULMEN_ZIP"] = zip,
        });
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Sqs_QueuesAndMessagesWorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();

        await NodeTests.AssertPassAsync(server, "sqs.test.mjs", tests: 2);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_EventBridge_BusesRulesAndDeliveryWorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        var zip = NodeTests.EventRecorderZip(server.DataDirectory, "events");

        await NodeTests.AssertPassAsync(server, "events.test.mjs", tests: 3, new()
        {
            ["FULMEN_ZIP"] = zip,
            ["FULMEN_RECORD_DIR"] = server.DataDirectory,
        });
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Sns_TopicsFiltersAndDeliveriesWorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();
        var zip = NodeTests.EventRecorderZip(server.DataDirectory, "sns");

        await NodeTests.AssertPassAsync(server, "sns.test.mjs", tests: 3, new()
        {
            ["FULMEN_ZIP"] = zip,
            ["FULMEN_RECORD_DIR"] = server.DataDirectory,
        });
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Scheduler_SchedulesGroupsAndFiringWorkEndToEnd()
    {
        var clock = await ServerClock.StartAsync(new DateTimeOffset(2027, 1, 15, 7, 0, 0, TimeSpan.Zero));
        await using var server = clock.Server;

        await NodeTests.AssertPassAsync(server, "scheduler.test.mjs", tests: 2);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_TestEventPattern_AnswersAsAwsForItsDocumentedExamples()
    {
        await using var server = await FulmenServer.StartAsync();

        var (exitCode, output) = await NodeTests.RunAsync(["--test", "events-patterns.test.mjs"], new() { ["FULMEN_ENDPOINT"] = server.Endpoint });

        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        Assert.Matches(@"# pass [1-9][0-9]", output);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_Pipes_WorkEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();

        await NodeTests.AssertPassAsync(server, "pipes.test.mjs", tests: 2);
    }

    [Fact]
    public async Task AwsSdkForJavaScript_SqsDeadLetterRedrive_WorksEndToEnd()
    {
        await using var server = await FulmenServer.StartAsync();

        await NodeTests.AssertPassAsync(server, "sqs-redrive.test.mjs", tests: 1);
    }

    [Fact]
    public async Task AwsLambdaRic_AsProvidedBootstrap_ServesInvocations()
    {
        var ric = Path.Combine(NodeTests.JsDirectory, "node_modules", "aws-lambda-ric", "index.mjs");
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
}
