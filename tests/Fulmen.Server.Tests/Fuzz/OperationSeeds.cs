using System.Text;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>A valid request for one operation, before mutation: path parameters, query, headers and a JSON body or a form.</summary>
internal sealed class Seed
{
    public Dictionary<string, string> PathParameters { get; } = [];

    public List<KeyValuePair<string, string>> Query { get; } = [];

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public JsonNode? Json { get; set; }

    /// <summary>Query protocol: the form, <c>Action</c> and <c>Version</c> included.</summary>
    public List<KeyValuePair<string, string>>? Form { get; set; }
}

/// <summary>
/// A valid request per operation, as the AWS CLI would send it against <see cref="FuzzResources"/>. An operation the
/// server declares with no seed here fails <c>FuzzTests.EveryOperationHasASeed</c>: a new service joins the suite
/// by adding its seeds (docs/robustness.md).
/// </summary>
internal static class OperationSeeds
{
    private const string Role = "arn:aws:iam::000000000000:role/fulmen-test";

    public static Seed? For(OperationInfo operation, FuzzResources r, string zipBase64, Random random)
    {
        var seed = new Seed();
        foreach (var name in operation.PathParameters)
        {
            seed.PathParameters[name] = PathValue(operation, name, r, random);
        }
        var known = operation.IsJsonProtocol ? JsonSeeds.For(operation, seed, r, random) : operation.Service switch
        {
            "lambda" => Lambda(operation.Operation, seed, r, zipBase64, random),
            "apigatewayv2" => HttpApis(operation.Operation, seed, r),
            "apigateway" => RestApis(operation.Operation, seed, r),
            "elbv2" => LoadBalancers(operation.Operation, seed, r, random),
            "sqs" => Queues(operation.Operation, seed, r, random),
            "scheduler" => SchedulerSeeds.For(operation.Operation, seed, r, random),
            "pipes" => PipeSeeds.For(operation.Operation, seed, r, random),
            "sns" => SnsSeeds.For(operation.Operation, seed, r, random),
            _ => false,
        };
        return known ? seed : null;
    }

    private static string PathValue(OperationInfo operation, string name, FuzzResources r, Random random) => name switch
    {
        "functionName" => random.Next(6) switch
        {
            0 => $"{r.Function}:{r.Alias}",
            1 => r.FunctionArn,
            2 => $"{r.Prefix}-new-{random.Next(3)}",
            _ => r.Function,
        },
        "aliasName" => random.Next(3) == 0 ? $"{r.Prefix}-a" : r.Alias,
        "statementId" => $"{r.Prefix}-stmt",
        "resource" => r.MappingUuid is not null && random.Next(4) == 0 ? r.MappingArn : r.FunctionArn,
        "uuid" => r.MappingUuid ?? "0f4c1a4e-0000-4000-8000-000000000000",
        "apiId" => (operation.Service == "apigateway" ? r.RestApiId : r.HttpApiId) ?? "missing000",
        "parentId" => r.RestRootId ?? "missing000",
        "resourceId" => r.RestResourceId ?? "missing000",
        "Name" when operation.Service == "pipes" => random.Next(3) == 0 ? $"{r.Prefix}-pipe-new" : r.Pipe,
        "resourceArn" => r.PipeArn,
        "httpMethod" => random.Next(2) == 0 ? "GET" : "ANY",
        "deploymentId" => r.RestDeploymentId ?? "missing000",
        "stageName" => random.Next(3) == 0 ? "qa" : r.RestStage,
        "Name" => operation.Path!.StartsWith("/schedule-groups/", StringComparison.Ordinal)
            ? (random.Next(4) == 0 ? $"{r.Prefix}-group-new" : r.ScheduleGroup)
            : (random.Next(4) == 0 ? $"{r.Prefix}-schedule-new" : r.Schedule),
        "ResourceArn" => random.Next(5) == 0 ? $"arn:aws:scheduler:us-east-1:{FuzzResources.Account}:schedule/{r.ScheduleGroup}/{r.Schedule}" : r.ScheduleGroupArn,
        "name" => random.Next(3) == 0 ? $"{r.Prefix}s" : "$default",
        "id" => (operation.Path!.Contains("/routes/", StringComparison.Ordinal) ? r.HttpRouteId : r.HttpIntegrationId) ?? "missing000",
        _ => "x",
    };

    private static bool Lambda(string operation, Seed seed, FuzzResources r, string zip, Random random)
    {
        var cors = new JsonObject
        {
            ["AllowOrigins"] = new JsonArray("https://example.com"), ["AllowMethods"] = new JsonArray("GET", "POST"),
            ["AllowHeaders"] = new JsonArray("x-custom"), ["ExposeHeaders"] = new JsonArray("x-out"), ["MaxAge"] = 60, ["AllowCredentials"] = true,
        };
        var invokeConfig = new JsonObject
        {
            ["MaximumRetryAttempts"] = 1, ["MaximumEventAgeInSeconds"] = 120,
            ["DestinationConfig"] = new JsonObject { ["OnSuccess"] = new JsonObject { ["Destination"] = r.FunctionArn }, ["OnFailure"] = new JsonObject() },
        };
        switch (operation)
        {
            case "AddPermission":
                seed.Json = new JsonObject
                {
                    ["StatementId"] = $"{r.Prefix}-stmt", ["Action"] = "lambda:InvokeFunction", ["Principal"] = "s3.amazonaws.com",
                    ["SourceArn"] = "arn:aws:s3:::bucket", ["SourceAccount"] = FuzzResources.Account,
                };
                return true;
            case "CreateAlias":
                seed.Json = new JsonObject
                {
                    ["Name"] = $"{r.Prefix}-a", ["FunctionVersion"] = "1", ["Description"] = "d",
                    ["RoutingConfig"] = new JsonObject { ["AdditionalVersionWeights"] = new JsonObject { ["1"] = 0.5 } },
                };
                return true;
            case "UpdateAlias":
                seed.Json = new JsonObject { ["FunctionVersion"] = "1", ["Description"] = "d2" };
                return true;
            case "CreateFunction":
                seed.Json = new JsonObject
                {
                    ["FunctionName"] = $"{r.Prefix}-new-{random.Next(3)}", ["Runtime"] = "nodejs20.x", ["Handler"] = "index.handler", ["Role"] = Role,
                    ["Code"] = new JsonObject { ["ZipFile"] = zip }, ["Timeout"] = 5, ["MemorySize"] = 128, ["Description"] = "d",
                    ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["A"] = "b" } }, ["Tags"] = new JsonObject { ["k"] = "v" },
                    ["Publish"] = false, ["Architectures"] = new JsonArray("x86_64"),
                };
                return true;
            case "UpdateFunctionCode":
                seed.Json = new JsonObject { ["ZipFile"] = zip, ["Publish"] = false };
                return true;
            case "UpdateFunctionConfiguration":
                seed.Json = new JsonObject
                {
                    ["Timeout"] = 10, ["MemorySize"] = 256, ["Description"] = "d", ["Handler"] = "index.handler",
                    ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["RECORD_DIR"] = "/tmp" } },
                };
                return true;
            case "CreateFunctionUrlConfig" or "UpdateFunctionUrlConfig":
                seed.Json = new JsonObject { ["AuthType"] = "NONE", ["Cors"] = cors, ["InvokeMode"] = "BUFFERED" };
                return true;
            case "PutFunctionEventInvokeConfig" or "UpdateFunctionEventInvokeConfig":
                seed.Json = invokeConfig;
                return true;
            case "PutFunctionConcurrency":
                seed.Json = new JsonObject { ["ReservedConcurrentExecutions"] = 5 };
                return true;
            case "PutProvisionedConcurrencyConfig":
                seed.Query.Add(new("Qualifier", r.Alias));
                seed.Json = new JsonObject { ["ProvisionedConcurrentExecutions"] = 1 };
                return true;
            case "GetProvisionedConcurrencyConfig" or "DeleteProvisionedConcurrencyConfig":
                seed.Query.Add(new("Qualifier", r.Alias));
                return true;
            case "PublishVersion":
                seed.Json = new JsonObject { ["Description"] = "v" };
                return true;
            case "TagResource":
                seed.Json = new JsonObject { ["Tags"] = new JsonObject { ["k"] = "v", ["team"] = "fuzz" } };
                return true;
            case "UntagResource":
                seed.Query.Add(new("tagKeys", "k"));
                seed.Query.Add(new("tagKeys", "team"));
                return true;
            case "Invoke":
                seed.Json = new JsonObject { ["path"] = "/fuzz", ["key"] = "value" };
                seed.Headers.Add(new("X-Amz-Invocation-Type", random.Next(4) switch { 0 => "Event", 1 => "DryRun", _ => "RequestResponse" }));
                seed.Headers.Add(new("X-Amz-Log-Type", "Tail"));
                seed.Headers.Add(new("X-Amz-Client-Context", Convert.ToBase64String("{\"custom\":{\"a\":\"b\"}}"u8)));
                return true;
            case "InvokeAsync":
                seed.Json = new JsonObject { ["path"] = "/fuzz" };
                return true;
            case "CreateEventSourceMapping":
                seed.Json = new JsonObject
                {
                    ["FunctionName"] = random.Next(3) == 0 ? $"{r.Function}:{r.Alias}" : r.Function,
                    ["EventSourceArn"] = $"arn:aws:sqs:us-east-1:{FuzzResources.Account}:{r.Prefix}-q{random.Next(3)}",
                    ["BatchSize"] = 20, ["MaximumBatchingWindowInSeconds"] = 1, ["Enabled"] = true,
                    ["FunctionResponseTypes"] = new JsonArray("ReportBatchItemFailures"),
                    ["ScalingConfig"] = new JsonObject { ["MaximumConcurrency"] = 2 },
                    ["FilterCriteria"] = new JsonObject { ["Filters"] = new JsonArray(new JsonObject { ["Pattern"] = "{\"body\":{\"kind\":[\"order\"]}}" }) },
                    ["Tags"] = new JsonObject { ["k"] = "v" },
                };
                return true;
            case "UpdateEventSourceMapping":
                seed.Json = new JsonObject { ["BatchSize"] = 5, ["MaximumBatchingWindowInSeconds"] = 2, ["Enabled"] = random.Next(2) == 0 };
                return true;
            case "ListEventSourceMappings":
                seed.Query.Add(new("FunctionName", r.Function));
                seed.Query.Add(new("EventSourceArn", r.QueueArn));
                seed.Query.Add(new("MaxItems", "2"));
                return true;
            case "GetEventSourceMapping" or "DeleteEventSourceMapping":
                return true;
            case "ListFunctions":
                seed.Query.Add(new("MaxItems", "5"));
                seed.Query.Add(new("FunctionVersion", "ALL"));
                return true;
            case "ListAliases" or "ListVersionsByFunction" or "ListFunctionEventInvokeConfigs" or "ListFunctionUrlConfigs":
                seed.Query.Add(new("MaxItems", "2"));
                return true;
            case "GetFunction" or "GetFunctionConfiguration" or "GetPolicy" or "GetFunctionUrlConfig" or "GetFunctionEventInvokeConfig":
                if (random.Next(2) == 0)
                {
                    seed.Query.Add(new("Qualifier", r.Alias));
                }
                return true;
            case "GetAccountSettings" or "GetAlias" or "DeleteAlias" or "DeleteFunction" or "DeleteFunctionConcurrency"
                or "DeleteFunctionEventInvokeConfig" or "DeleteFunctionUrlConfig" or "GetFunctionConcurrency" or "ListTags" or "RemovePermission":
                return true;
            default:
                return false;
        }
    }

    private static bool HttpApis(string operation, Seed seed, FuzzResources r)
    {
        switch (operation)
        {
            case "CreateApi":
                seed.Json = new JsonObject
                {
                    ["name"] = $"{r.Prefix}-api", ["protocolType"] = "HTTP", ["target"] = r.FunctionArn, ["description"] = "d",
                    ["corsConfiguration"] = new JsonObject { ["allowOrigins"] = new JsonArray("https://example.com"), ["allowMethods"] = new JsonArray("GET") },
                };
                return true;
            case "CreateIntegration":
                seed.Json = new JsonObject
                {
                    ["integrationType"] = "AWS_PROXY", ["integrationUri"] = r.FunctionArn, ["payloadFormatVersion"] = "2.0", ["timeoutInMillis"] = 5000,
                };
                return true;
            case "CreateRoute":
                seed.Json = new JsonObject { ["routeKey"] = "GET /fuzz/{id}", ["target"] = $"integrations/{r.HttpIntegrationId}" };
                return true;
            case "CreateStage":
                seed.Json = new JsonObject { ["stageName"] = $"{r.Prefix}s", ["autoDeploy"] = true, ["stageVariables"] = new JsonObject { ["a"] = "b" } };
                return true;
            case "DeleteApi" or "DeleteIntegration" or "DeleteRoute" or "DeleteStage" or "GetApi" or "GetApis" or "GetIntegration"
                or "GetIntegrations" or "GetRoute" or "GetRoutes" or "GetStage" or "GetStages":
                return true;
            default:
                return false;
        }
    }

    private static bool RestApis(string operation, Seed seed, FuzzResources r)
    {
        switch (operation)
        {
            case "CreateRestApi":
                seed.Json = new JsonObject
                {
                    ["name"] = $"{r.Prefix}-rest", ["description"] = "d", ["binaryMediaTypes"] = new JsonArray("image/png"),
                    ["endpointConfiguration"] = new JsonObject { ["types"] = new JsonArray("REGIONAL") },
                };
                return true;
            case "UpdateRestApi":
                seed.Json = new JsonObject
                {
                    ["patchOperations"] = new JsonArray(
                        new JsonObject { ["op"] = "replace", ["path"] = "/description", ["value"] = "x" },
                        new JsonObject { ["op"] = "add", ["path"] = "/binaryMediaTypes/image~1gif" }),
                };
                return true;
            case "CreateResource":
                seed.Json = new JsonObject { ["pathPart"] = "items" };
                return true;
            case "PutMethod":
                seed.Json = new JsonObject { ["authorizationType"] = "NONE", ["apiKeyRequired"] = false };
                return true;
            case "PutIntegration":
                seed.Json = new JsonObject
                {
                    ["type"] = "AWS_PROXY", ["httpMethod"] = "POST",
                    ["uri"] = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{r.FunctionArn}/invocations",
                };
                return true;
            case "CreateDeployment":
                seed.Json = new JsonObject { ["stageName"] = r.RestStage, ["description"] = "d", ["variables"] = new JsonObject { ["k"] = "v" } };
                return true;
            case "CreateStage":
                seed.Json = new JsonObject { ["stageName"] = "qa", ["deploymentId"] = r.RestDeploymentId, ["variables"] = new JsonObject { ["k"] = "v" } };
                return true;
            case "UpdateStage":
                seed.Json = new JsonObject
                {
                    ["patchOperations"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/variables/k", ["value"] = "v2" }),
                };
                return true;
            case "DeleteIntegration" or "DeleteMethod" or "DeleteResource" or "DeleteRestApi" or "DeleteStage" or "GetDeployment" or "GetDeployments"
                or "GetIntegration" or "GetMethod" or "GetResource" or "GetResources" or "GetRestApi" or "GetRestApis" or "GetStage" or "GetStages":
                return true;
            default:
                return false;
        }
    }

    private static bool Queues(string operation, Seed seed, FuzzResources r, Random random)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", operation), new("Version", "2012-11-05") };
        void Add(string key, string value) => form.Add(new(key, value));
        // Receipt handles are opaque; a made-up one exercises the handle parser (AWS answers ReceiptHandleIsInvalid).
        var handle = Convert.ToBase64String(Encoding.UTF8.GetBytes($"sqs/{r.Queue}/1|{random.Next(1, 5)}|1"));
        var fifo = random.Next(4) == 0; // now and then the FIFO queue, with a message group on its sends
        if (operation is not ("CreateQueue" or "ListQueues" or "GetQueueUrl" or "StartMessageMoveTask" or "ListMessageMoveTasks" or "CancelMessageMoveTask"))
        {
            Add("QueueUrl", fifo ? r.FifoQueueUrl : r.QueueUrl);
        }
        switch (operation)
        {
            case "CreateQueue":
                Add("QueueName", $"{r.Prefix}-q{random.Next(3)}");
                Add("Attribute.1.Name", "VisibilityTimeout");
                Add("Attribute.1.Value", "30");
                Add("Tag.1.Key", "k");
                Add("Tag.1.Value", "v");
                break;
            case "ListQueues":
                Add("QueueNamePrefix", r.Prefix);
                Add("MaxResults", "5");
                break;
            case "GetQueueUrl":
                Add("QueueName", r.Queue);
                break;
            case "GetQueueAttributes":
                Add("AttributeName.1", "All");
                break;
            case "SetQueueAttributes":
                Add("Attribute.1.Name", "DelaySeconds");
                Add("Attribute.1.Value", "0");
                break;
            case "TagQueue":
                Add("Tag.1.Key", "k");
                Add("Tag.1.Value", "v");
                break;
            case "UntagQueue":
                Add("TagKey.1", "k");
                break;
            case "SendMessage":
                Add("MessageBody", "hello");
                Add("MessageAttribute.1.Name", "color");
                Add("MessageAttribute.1.Value.DataType", "String");
                Add("MessageAttribute.1.Value.StringValue", "blue");
                if (fifo)
                {
                    Add("MessageGroupId", "g0");
                }
                break;
            case "SendMessageBatch":
                Add("SendMessageBatchRequestEntry.1.Id", "a");
                Add("SendMessageBatchRequestEntry.1.MessageBody", "one");
                Add("SendMessageBatchRequestEntry.2.Id", "b");
                Add("SendMessageBatchRequestEntry.2.MessageBody", "two");
                Add("SendMessageBatchRequestEntry.2.DelaySeconds", "1");
                break;
            case "ReceiveMessage":
                Add("MaxNumberOfMessages", "2");
                Add("AttributeName.1", "All");
                Add("MessageAttributeName.1", "All");
                Add("VisibilityTimeout", "0");
                break;
            case "DeleteMessage":
                Add("ReceiptHandle", handle);
                break;
            case "ChangeMessageVisibility":
                Add("ReceiptHandle", handle);
                Add("VisibilityTimeout", "0");
                break;
            case "DeleteMessageBatch":
                Add("DeleteMessageBatchRequestEntry.1.Id", "a");
                Add("DeleteMessageBatchRequestEntry.1.ReceiptHandle", handle);
                break;
            case "ChangeMessageVisibilityBatch":
                Add("ChangeMessageVisibilityBatchRequestEntry.1.Id", "a");
                Add("ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle", handle);
                Add("ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout", "0");
                break;
            case "DeleteQueue" or "PurgeQueue" or "ListQueueTags":
                break;
            case "ListDeadLetterSourceQueues":
                Add("MaxResults", "10");
                break;
            case "AddPermission":
                Add("Label", $"{r.Prefix}-label{random.Next(2)}");
                Add("AWSAccountId.1", FuzzResources.Account);
                Add("ActionName.1", "SendMessage");
                Add("ActionName.2", "ReceiveMessage");
                break;
            case "RemovePermission":
                Add("Label", $"{r.Prefix}-label{random.Next(2)}");
                break;
            case "StartMessageMoveTask":
                // The queue is no dead-letter queue: SQS's refusal, or a queue made one by a fuzzed SetQueueAttributes.
                Add("SourceArn", r.QueueArn);
                Add("MaxNumberOfMessagesPerSecond", "10");
                break;
            case "ListMessageMoveTasks":
                Add("SourceArn", r.QueueArn);
                Add("MaxResults", "10");
                break;
            case "CancelMessageMoveTask":
                Add("TaskHandle", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"taskId\":\"{Guid.Empty}\",\"sourceArn\":\"{r.QueueArn}\"}}")));
                break;
            default:
                return false;
        }
        seed.Form = form;
        return true;
    }

    private static bool LoadBalancers(string operation, Seed seed, FuzzResources r, Random random)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", operation), new("Version", "2015-12-01") };
        void Add(string key, string? value) => form.Add(new(key, value ?? "missing"));
        switch (operation)
        {
            case "CreateLoadBalancer":
                Add("Name", $"{r.Prefix}-lb-{random.Next(3)}");
                Add("Subnets.member.1", "subnet-aaaa1111");
                Add("Subnets.member.2", "subnet-bbbb2222");
                Add("SecurityGroups.member.1", "sg-12345678");
                Add("Scheme", "internet-facing");
                Add("Type", "application");
                Add("IpAddressType", "ipv4");
                Add("Tags.member.1.Key", "k");
                Add("Tags.member.1.Value", "v");
                break;
            case "CreateTargetGroup":
                Add("Name", $"{r.Prefix}-tg-{random.Next(3)}");
                Add("TargetType", "lambda");
                Add("HealthCheckEnabled", "false");
                Add("Tags.member.1.Key", "k");
                Add("Tags.member.1.Value", "v");
                break;
            case "CreateListener":
                Add("LoadBalancerArn", r.LoadBalancerArn);
                Add("Protocol", "HTTP");
                Add("Port", r.ListenerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Add("DefaultActions.member.1.Type", "forward");
                Add("DefaultActions.member.1.TargetGroupArn", r.TargetGroupArn);
                break;
            case "DeleteListener":
                Add("ListenerArn", r.ListenerArn);
                break;
            case "DeleteLoadBalancer":
                Add("LoadBalancerArn", r.LoadBalancerArn);
                break;
            case "DeleteTargetGroup" or "DescribeTargetGroupAttributes" or "DescribeTargetHealth":
                Add("TargetGroupArn", r.TargetGroupArn);
                break;
            case "RegisterTargets" or "DeregisterTargets":
                Add("TargetGroupArn", r.TargetGroupArn);
                Add("Targets.member.1.Id", r.FunctionArn);
                break;
            case "DescribeListeners":
                Add("LoadBalancerArn", r.LoadBalancerArn);
                break;
            case "DescribeLoadBalancers":
                Add("PageSize", "5");
                break;
            case "DescribeTargetGroups":
                break;
            case "ModifyTargetGroupAttributes":
                Add("TargetGroupArn", r.TargetGroupArn);
                Add("Attributes.member.1.Key", "lambda.multi_value_headers.enabled");
                Add("Attributes.member.1.Value", "true");
                break;
            default:
                return false;
        }
        seed.Form = form;
        return true;
    }
}
