using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Protocols;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Json;
using Fulmen.Protocols.Query;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Queues.MoveTasks;
using Fulmen.Queues.Wire;
using Fulmen.Storage.Queues;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Queues.Api;

/// <summary>
/// SQS on the edge port, in both of its wire protocols: AWS JSON 1.0 (<c>X-Amz-Target: AmazonSQS.*</c>, what current
/// SDKs send) and the query protocol (<c>Action=…</c>, XML; the AWS CLI v1 and older SDKs). Each operation is written
/// once against the JSON shape and returns its result as JSON; the binding converts query forms in and XML out.
/// </summary>
public sealed partial class SqsApi(
    QueueCatalog catalog, IQueueStore store, QueueMessages messages, MessageMoveTasks moveTasks, AwsAccount account, TimeProvider time) : IAwsServiceHandler
{
    private const string Namespace = "http://queue.amazonaws.com/doc/2012-11-05/";

    private static readonly string[] Operations =
    [
        "CreateQueue", "DeleteQueue", "ListQueues", "GetQueueUrl", "GetQueueAttributes", "SetQueueAttributes",
        "TagQueue", "UntagQueue", "ListQueueTags", "PurgeQueue", "SendMessage", "SendMessageBatch", "ReceiveMessage",
        "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch",
        "ListDeadLetterSourceQueues", "StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask",
        "AddPermission", "RemovePermission",
    ];

    /// <summary>
    /// SQS as declared to the edge: signed for <c>sqs</c>, its JSON targets and its query actions. Declared as the query
    /// protocol with target prefixes: the edge answers a request that came with <c>X-Amz-Target</c> in JSON 1.0.
    /// </summary>
    public static readonly AwsService Descriptor = new("sqs", "sqs", AwsProtocol.Query)
    {
        XmlNamespace = Namespace,
        JsonErrorTypePrefix = "com.amazonaws.sqs#",
        UnavailableErrorCode = "ServiceUnavailable",
        InternalErrorCode = "InternalError",
        BadRequestErrorCode = "InvalidParameterValue",
        TargetPrefixes = ["AmazonSQS"],
        QueryActions = Operations,
    };


    public AwsService Service => Descriptor;

    private delegate Task<JsonObject> Operation(SqsRequest request);

    private Operation? Find(string action) => action switch
    {
        "CreateQueue" => CreateQueueAsync,
        "DeleteQueue" => DeleteQueueAsync,
        "ListQueues" => ListQueuesAsync,
        "GetQueueUrl" => GetQueueUrlAsync,
        "GetQueueAttributes" => GetQueueAttributesAsync,
        "SetQueueAttributes" => SetQueueAttributesAsync,
        "TagQueue" => TagQueueAsync,
        "UntagQueue" => UntagQueueAsync,
        "ListQueueTags" => ListQueueTagsAsync,
        "PurgeQueue" => PurgeQueueAsync,
        "SendMessage" => SendMessageAsync,
        "SendMessageBatch" => SendMessageBatchAsync,
        "ReceiveMessage" => ReceiveMessageAsync,
        "DeleteMessage" => DeleteMessageAsync,
        "DeleteMessageBatch" => DeleteMessageBatchAsync,
        "ChangeMessageVisibility" => ChangeMessageVisibilityAsync,
        "ChangeMessageVisibilityBatch" => ChangeMessageVisibilityBatchAsync,
        "ListDeadLetterSourceQueues" => ListDeadLetterSourceQueuesAsync,
        "StartMessageMoveTask" => StartMessageMoveTaskAsync,
        "ListMessageMoveTasks" => ListMessageMoveTasksAsync,
        "CancelMessageMoveTask" => CancelMessageMoveTaskAsync,
        "AddPermission" => AddPermissionAsync,
        "RemovePermission" => RemovePermissionAsync,
        _ => null,
    };

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Amz-Target"))
        {
            await HandleJsonAsync(context);
        }
        else
        {
            await HandleQueryAsync(context);
        }
        return true;
    }

    private async Task HandleJsonAsync(HttpContext context)
    {
        var operationName = EdgeTarget.Of(context)?.Operation ?? "";
        var operation = Find(operationName)
            ?? throw SqsErrors.Error("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", $"The action {operationName} is not valid for this web service.");
        JsonObject body;
        try
        {
            body = await JsonBody.ReadObjectAsync(context.Request);
        }
        catch (JsonException)
        {
            throw SqsErrors.Error("SerializationException", "SerializationException", "The request body is not a valid JSON object.");
        }
        await JsonBody.WriteResultAsync(context.Response, await operation(new SqsRequest(context, body)), "application/x-amz-json-1.0");
    }

    private async Task HandleQueryAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? await QueryForm.ReadAsync(context.Request)
            : new FormCollection(context.Request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var action = form.Optional("Action") ?? "";
        context.Features.Set(new EdgeTarget(Descriptor, action));
        var operation = Find(action) ?? throw SqsErrors.InvalidAction(action);
        form.RequireXmlCharacters();
        var result = await operation(new SqsRequest(context, QueryInput.ToJson(form)));
        await QueryResponse.WriteAsync(context, Descriptor, action, xml => QueryOutput.Write(xml, action, result));
    }

    private string QueueUrl(SqsRequest request, string name) => $"{request.BaseUrl}/{account.AccountId}/{name}";

    private string QueueArn(string name) => account.Arn("sqs", name).ToString();

    /// <summary>The queue a request names, or SQS's QueueDoesNotExist.</summary>
    private async Task<QueueRecord> QueueAsync(SqsRequest request) =>
        await catalog.FindAsync(request.QueueName(), request.Aborted) ?? throw SqsErrors.QueueDoesNotExist();
}
