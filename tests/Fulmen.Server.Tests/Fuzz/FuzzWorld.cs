using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// Creates a set of <see cref="FuzzResources"/> through the APIs themselves (a function, its alias, URL, HTTP API, REST
/// API and load balancer), and checks that a set still works: the function invoked directly, through its alias and
/// asynchronously, and through each front.
/// </summary>
internal sealed class FuzzWorld(FulmenServer server, FuzzClient client)
{
    /// <summary>Answers every front with 200 and a small JSON body; writes <c>RECORD_DIR/marker</c> when an event (or an SQS message's body) names one.</summary>
    public static readonly TestFunction Function = TestFunctions.Node("""
        const fs = require('fs');
        const mark = (marker) => {
          if (typeof marker === 'string' && process.env.RECORD_DIR) {
            fs.writeFileSync(process.env.RECORD_DIR + '/' + marker.replace(/[^a-z0-9-]/g, ''), 'seen');
          }
        };
        exports.handler = async (event) => {
          mark(event && event.marker);
          for (const record of (event && Array.isArray(event.Records) ? event.Records : [])) {
            try { mark(JSON.parse(record.body).marker); } catch { }
          }
          return { statusCode: 200, headers: { 'content-type': 'application/json' },
                   body: JSON.stringify({ ok: true, path: (event && (event.rawPath || event.path)) || null }) };
        };
        """);

    private int _created;

    public string ZipBase64 { get; } = Convert.ToBase64String(File.ReadAllBytes(Function.Zip(server, "fuzz-world")));

    public string Records { get; } = Directory.CreateTempSubdirectory("fulmen-fuzz-records-").FullName;

    /// <summary>Creates what is missing of <paramref name="r"/>; with <paramref name="strict"/>, any failure throws.</summary>
    public async Task CreateAsync(FuzzResources r, bool strict, bool records = false)
    {
        var n = ++_created;
        var environment = new JsonObject { ["Variables"] = new JsonObject { ["RECORD_DIR"] = records ? Records : "/nonexistent" } };
        await Expect(strict, [201, 409], await LambdaAsync("POST", "/2015-03-31/functions", new JsonObject
        {
            ["FunctionName"] = r.Function, ["Runtime"] = Function.Runtime, ["Handler"] = Function.Handler, ["Role"] = TestFunctions.Role,
            ["Code"] = new JsonObject { ["ZipFile"] = ZipBase64 }, ["Timeout"] = 10, ["Environment"] = environment,
        }));
        await Expect(strict, [201], await LambdaAsync("POST", $"/2015-03-31/functions/{r.Function}/versions", new JsonObject()));
        await Expect(strict, [201, 409], await LambdaAsync("POST", $"/2015-03-31/functions/{r.Function}/aliases", new JsonObject { ["Name"] = r.Alias, ["FunctionVersion"] = "1" }));
        await Permit(strict, r, "FunctionURLAllowPublicAccess", "lambda:InvokeFunctionUrl", "*", null, new JsonObject { ["FunctionUrlAuthType"] = "NONE" });
        var url = await LambdaAsync("POST", $"/2021-10-31/functions/{r.Function}/url", new JsonObject { ["AuthType"] = "NONE" });
        if (url?.Status == 409)
        {
            url = await LambdaAsync("GET", $"/2021-10-31/functions/{r.Function}/url", null);
        }
        await Expect(strict, [200, 201], url);
        r.UrlId = Json(url)?["FunctionUrl"]?.GetValue<string>().Split('/')[2].Split('.')[0] ?? r.UrlId;

        // Idempotent: the queue is created again when a generated request deleted it; the mapping needs it to exist.
        await Expect(strict, [200], await SqsAsync(("Action", "CreateQueue"), ("QueueName", r.Queue)));
        var mapping = await Expect(strict, [202, 409], await LambdaAsync("POST", "/2015-03-31/event-source-mappings/", new JsonObject
        {
            ["FunctionName"] = r.Function, ["EventSourceArn"] = r.QueueArn,
        }));
        r.MappingUuid = Json(mapping)?["UUID"]?.GetValue<string>()
            ?? Json(await LambdaAsync("GET", $"/2015-03-31/event-source-mappings/?FunctionName={r.Function}", null))?["EventSourceMappings"]?[0]?["UUID"]?.GetValue<string>()
            ?? r.MappingUuid;

        // Idempotent: PutRule and PutTargets replace what a generated request changed.
        await Expect(strict, [200], await EventsAsync("PutRule", new JsonObject { ["Name"] = r.Rule, ["EventPattern"] = """{"source":["fuzz-world"]}""" }));
        await Expect(strict, [200], await EventsAsync("PutTargets", new JsonObject
        {
            ["Rule"] = r.Rule,
            ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "fn", ["Arn"] = r.FunctionArn }, new JsonObject { ["Id"] = "q", ["Arn"] = r.QueueArn }),
        }));
        await Permit(strict, r, $"events-{n}", "lambda:InvokeFunction", "events.amazonaws.com", r.RuleArn);

        // A group and a schedule in it; created again when a generated request deleted them (409 when still there).
        await Expect(strict, [200, 409], await ApiAsync("scheduler", "POST", $"/schedule-groups/{r.ScheduleGroup}", new JsonObject()));
        await Expect(strict, [200, 409], await ApiAsync("scheduler", "POST", $"/schedules/{r.Schedule}", SchedulerSeeds.Schedule(r, "cron(0 0 1 1 ? 2199)")));
        // A pipe being deleted by a generated request answers 409 until it is gone; the next set-up creates it again.
        await Expect(strict, [200, 409], await ApiAsync("pipes", "POST", $"/v1/pipes/{r.Pipe}", new JsonObject
        {
            ["RoleArn"] = TestFunctions.Role, ["Source"] = r.QueueArn, ["Target"] = r.FunctionArn, ["DesiredState"] = "STOPPED",
        }));

        if (r.HttpApiId is null || (await ApiAsync("apigateway", "GET", $"/v2/apis/{r.HttpApiId}/routes/{r.HttpRouteId}", null))?.Status != 200)
        {
            var api = await Expect(strict, [201], await ApiAsync("apigateway", "POST", "/v2/apis", new JsonObject
            {
                ["name"] = $"{r.Prefix}-api", ["protocolType"] = "HTTP", ["target"] = r.FunctionArn,
            }));
            r.HttpApiId = Json(api)?["apiId"]?.GetValue<string>() ?? r.HttpApiId;
            r.HttpIntegrationId = Json(await ApiAsync("apigateway", "GET", $"/v2/apis/{r.HttpApiId}/integrations", null))?["items"]?[0]?["integrationId"]?.GetValue<string>();
            r.HttpRouteId = Json(await ApiAsync("apigateway", "GET", $"/v2/apis/{r.HttpApiId}/routes", null))?["items"]?[0]?["routeId"]?.GetValue<string>();
            await Permit(strict, r, $"httpapi-{n}", "lambda:InvokeFunction", "apigateway.amazonaws.com", $"arn:aws:execute-api:us-east-1:{FuzzResources.Account}:{r.HttpApiId}/*");
        }

        if (r.RestApiId is null || (await ApiAsync("apigateway", "GET", $"/restapis/{r.RestApiId}/resources/{r.RestResourceId}/methods/ANY/integration", null))?.Status != 200
            || (await ApiAsync("apigateway", "GET", $"/restapis/{r.RestApiId}/stages/{r.RestStage}", null))?.Status != 200)
        {
            var rest = await Expect(strict, [201], await ApiAsync("apigateway", "POST", "/restapis", new JsonObject { ["name"] = $"{r.Prefix}-rest" }));
            r.RestApiId = Json(rest)?["id"]?.GetValue<string>();
            var resources = Json(await ApiAsync("apigateway", "GET", $"/restapis/{r.RestApiId}/resources", null))?["item"]?.AsArray() ?? [];
            r.RestRootId = resources.FirstOrDefault(i => i?["path"]?.GetValue<string>() == "/")?["id"]?.GetValue<string>();
            var proxy = await Expect(strict, [201], await ApiAsync("apigateway", "POST", $"/restapis/{r.RestApiId}/resources/{r.RestRootId}", new JsonObject { ["pathPart"] = "{proxy+}" }));
            r.RestResourceId = Json(proxy)?["id"]?.GetValue<string>();
            var method = $"/restapis/{r.RestApiId}/resources/{r.RestResourceId}/methods/ANY";
            await Expect(strict, [201], await ApiAsync("apigateway", "PUT", method, new JsonObject { ["authorizationType"] = "NONE" }));
            await Expect(strict, [201], await ApiAsync("apigateway", "PUT", method + "/integration", new JsonObject
            {
                ["type"] = "AWS_PROXY", ["httpMethod"] = "POST",
                ["uri"] = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{r.FunctionArn}/invocations",
            }));
            var deployment = await Expect(strict, [201], await ApiAsync("apigateway", "POST", $"/restapis/{r.RestApiId}/deployments", new JsonObject { ["stageName"] = r.RestStage }));
            r.RestDeploymentId = Json(deployment)?["id"]?.GetValue<string>();
            await Permit(strict, r, $"restapi-{n}", "lambda:InvokeFunction", "apigateway.amazonaws.com", $"arn:aws:execute-api:us-east-1:{FuzzResources.Account}:{r.RestApiId}/*/*/*");
        }

        if (r.ListenerArn is null || (await ElbAsync(("Action", "DescribeListeners"), ("ListenerArns.member.1", r.ListenerArn)))?.Status != 200
            || (await ElbAsync(("Action", "DescribeTargetHealth"), ("TargetGroupArn", r.TargetGroupArn!)))?.Status != 200)
        {
            var group = await Expect(strict, [200], await ElbAsync(("Action", "CreateTargetGroup"), ("Name", $"{r.Prefix}-tg{n}"), ("TargetType", "lambda")));
            r.TargetGroupArn = Xml(group, "TargetGroupArn");
            await Permit(strict, r, $"alb-{n}", "lambda:InvokeFunction", "elasticloadbalancing.amazonaws.com", r.TargetGroupArn);
            await Expect(strict, [200], await ElbAsync(("Action", "RegisterTargets"), ("TargetGroupArn", r.TargetGroupArn!), ("Targets.member.1.Id", r.FunctionArn)));
            var balancer = await Expect(strict, [200], await ElbAsync(("Action", "CreateLoadBalancer"), ("Name", $"{r.Prefix}-lb{n}"),
                ("Subnets.member.1", "subnet-aaaa1111"), ("Subnets.member.2", "subnet-bbbb2222")));
            r.LoadBalancerArn = Xml(balancer, "LoadBalancerArn");
            if (r.ListenerPort == 0)
            {
                r.ListenerPort = FreePort();
            }
            var listener = await Expect(strict, [200], await ElbAsync(("Action", "CreateListener"), ("LoadBalancerArn", r.LoadBalancerArn!), ("Protocol", "HTTP"),
                ("Port", r.ListenerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("DefaultActions.member.1.Type", "forward"), ("DefaultActions.member.1.TargetGroupArn", r.TargetGroupArn!)));
            r.ListenerArn = Xml(listener, "ListenerArn");
        }

        await Expect(strict, [200], await SqsAsync(("Action", "CreateQueue"), ("QueueName", r.FifoQueue),
            ("Attribute.1.Name", "FifoQueue"), ("Attribute.1.Value", "true"), ("Attribute.2.Name", "ContentBasedDeduplication"), ("Attribute.2.Value", "true")));

        // Topics: idempotent like the queue; subscribing the same queue again answers the same subscription.
        await Expect(strict, [200], await SqsAsync(("Action", "CreateQueue"), ("QueueName", r.TopicQueue)));
        await Expect(strict, [200], await SnsAsync(("Action", "CreateTopic"), ("Name", r.Topic)));
        await Expect(strict, [200], await SnsAsync(("Action", "CreateTopic"), ("Name", $"{r.Topic}.fifo"),
            ("Attributes.entry.1.key", "FifoTopic"), ("Attributes.entry.1.value", "true"),
            ("Attributes.entry.2.key", "ContentBasedDeduplication"), ("Attributes.entry.2.value", "true")));
        var subscription = await Expect(strict, [200], await SnsAsync(("Action", "Subscribe"), ("TopicArn", r.TopicArn), ("Protocol", "sqs"),
            ("Endpoint", $"arn:aws:sqs:us-east-1:{FuzzResources.Account}:{r.TopicQueue}")));
        r.SubscriptionArn = Xml(subscription, "SubscriptionArn") ?? r.SubscriptionArn;
    }

    /// <summary>What no longer works of <paramref name="r"/>: empty when every way of invoking it answers as it should.</summary>
    public async Task<List<string>> ProblemsAsync(FuzzResources r)
    {
        var problems = new List<string>();
        async Task Check(string what, FuzzRequest request)
        {
            var response = await client.SendAsync(request);
            if (response is null || response.Status != 200 || !(response.Body.Contains("\"ok\":true", StringComparison.Ordinal) || response.Body.Contains("\\\"ok\\\":true", StringComparison.Ordinal)))
            {
                problems.Add($"{what}: {request}\n{response?.ToString() ?? "no answer"}");
            }
        }
        var health = await client.SendAsync(new FuzzRequest("health", "fulmen", "GET", "/_fulmen/health", []) { Signing = Signing.Unsigned });
        if (health?.Status != 200)
        {
            problems.Add($"health: {health}");
        }
        var invoke = $"/2015-03-31/functions/{r.Function}/invocations";
        await Check("sync invoke", new("invoke", "lambda", "POST", invoke, "{\"path\":\"/x\"}"u8.ToArray()));
        await Check("invoke through the alias", new("invoke alias", "lambda", "POST", $"{invoke}?Qualifier={r.Alias}", "{}"u8.ToArray()));
        var marker = $"marker-{Guid.NewGuid():N}";
        var queued = await client.SendAsync(new("async invoke", "lambda", "POST", invoke, Encoding.UTF8.GetBytes($"{{\"marker\":\"{marker}\"}}"))
        {
            Headers = [new("X-Amz-Invocation-Type", "Event")],
        });
        if (queued?.Status != 202 || !await EventuallyAsync(() => File.Exists(Path.Combine(Records, marker))))
        {
            problems.Add($"async invoke: {queued?.ToString() ?? "no answer"}; the function did not run within 60 s");
        }
        var sqsMarker = $"marker-{Guid.NewGuid():N}";
        var sent = await SqsAsync(("Action", "SendMessage"), ("QueueUrl", r.QueueUrl), ("MessageBody", $"{{\"marker\":\"{sqsMarker}\"}}"));
        if (sent?.Status != 200 || !await EventuallyAsync(() => File.Exists(Path.Combine(Records, sqsMarker))))
        {
            problems.Add($"queue → mapping: {sent?.ToString() ?? "no answer"}; the function did not get the message within 60 s");
        }
        await Check("function URL (path form)", new("url", "lambda", "GET", $"/_aws/lambda-url/{r.UrlId}/check?x=1", []) { Signing = Signing.Unsigned, Front = true });
        await Check("function URL (host)", new("url host", "lambda", "GET", "/check", []) { Signing = Signing.Unsigned, Host = $"{r.UrlId}.lambda-url.us-east-1.localhost:{server.Port}", Front = true });
        await Check("HTTP API", new("http api", "execute-api", "GET", $"/_aws/execute-api/{r.HttpApiId}/check", []) { Signing = Signing.Unsigned, Front = true });
        await Check("REST API", new("rest api", "execute-api", "POST", $"/_aws/execute-api/{r.RestApiId}/{r.RestStage}/check", "{}"u8.ToArray()) { Signing = Signing.Unsigned, Front = true });
        await Check("ALB listener", new("alb", "alb", "GET", "/check", []) { Signing = Signing.Unsigned, Port = r.ListenerPort, Front = true });
        return problems;
    }

    /// <summary>Settings every Get of the good set needs to answer 200 (an event-invoke config, provisioned concurrency).</summary>
    public async Task ConfigureForReadsAsync(FuzzResources r)
    {
        await Expect(true, [200], await LambdaAsync("PUT", $"/2019-09-25/functions/{r.Function}/event-invoke-config", new JsonObject { ["MaximumRetryAttempts"] = 1 }));
        await Expect(true, [202], await LambdaAsync("PUT", $"/2019-09-30/functions/{r.Function}/provisioned-concurrency?Qualifier={r.Alias}",
            new JsonObject { ["ProvisionedConcurrentExecutions"] = 1 }));
        await Expect(true, [200], await LambdaAsync("PUT", $"/2017-10-31/functions/{r.Function}/concurrency", new JsonObject { ["ReservedConcurrentExecutions"] = 20 }));
    }

    private async Task Permit(bool strict, FuzzResources r, string sid, string action, string principal, string? sourceArn, JsonObject? extra = null)
    {
        var statement = new JsonObject { ["StatementId"] = sid, ["Action"] = action, ["Principal"] = principal };
        if (sourceArn is not null)
        {
            statement["SourceArn"] = sourceArn;
        }
        foreach (var (key, value) in extra ?? [])
        {
            statement[key] = value?.DeepClone();
        }
        await Expect(strict, [201, 409], await LambdaAsync("POST", $"/2015-03-31/functions/{r.Function}/policy", statement));
    }

    private Task<FuzzResponse?> LambdaAsync(string method, string path, JsonNode? body) => ApiAsync("lambda", method, path, body);

    private FuzzRequest? _last;

    private async Task<FuzzResponse?> ApiAsync(string signingName, string method, string path, JsonNode? body) =>
        await client.SendAsync(_last = new FuzzRequest($"set-up {method} {path}", signingName, method, path, body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString()))
        {
            ContentType = body is null ? null : "application/json",
        });

    private async Task<FuzzResponse?> ElbAsync(params (string Key, string Value)[] form) =>
        await client.SendAsync(_last = new FuzzRequest($"set-up {form[0].Value}", "elasticloadbalancing", "POST", "/",
            Encoding.UTF8.GetBytes(PercentEncoding.Form([.. form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)), new("Version", "2015-12-01")])))
        {
            ContentType = "application/x-www-form-urlencoded; charset=utf-8",
        });

    private async Task<FuzzResponse?> EventsAsync(string operation, JsonObject body) =>
        await client.SendAsync(_last = new FuzzRequest($"set-up {operation}", "events", "POST", "/", Encoding.UTF8.GetBytes(body.ToJsonString()))
        {
            ContentType = "application/x-amz-json-1.1",
            Headers = [new("X-Amz-Target", $"AWSEvents.{operation}")],
        });

    private async Task<FuzzResponse?> SqsAsync(params (string Key, string Value)[] form) =>
        await client.SendAsync(_last = new FuzzRequest($"set-up {form[0].Value}", "sqs", "POST", "/",
            Encoding.UTF8.GetBytes(PercentEncoding.Form([.. form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)), new("Version", "2012-11-05")])))
        {
            ContentType = "application/x-www-form-urlencoded; charset=utf-8",
        });

    private async Task<FuzzResponse?> SnsAsync(params (string Key, string Value)[] form) =>
        await client.SendAsync(_last = new FuzzRequest($"set-up {form[0].Value}", "sns", "POST", "/",
            Encoding.UTF8.GetBytes(PercentEncoding.Form([.. form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)), new("Version", "2010-03-31")])))
        {
            ContentType = "application/x-www-form-urlencoded; charset=utf-8",
        });

    private Task<FuzzResponse?> Expect(bool strict, int[] statuses, FuzzResponse? response)
    {
        if (strict && (response is null || !statuses.Contains(response.Status)))
        {
            throw new InvalidOperationException($"Setting up the fuzz resources failed: {_last}\n{response?.ToString() ?? "no answer"}");
        }
        return Task.FromResult(response);
    }

    private static JsonNode? Json(FuzzResponse? response)
    {
        try
        {
            return response is { Status: < 300 } ? JsonNode.Parse(response.Body) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Xml(FuzzResponse? response, string element) =>
        response is { Status: 200 } ? XDocument.Parse(response.Body).Descendants().FirstOrDefault(e => e.Name.LocalName == element)?.Value : null;

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
