using System.Text;
using System.Text.Json.Nodes;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Errors;
using Fulmen.Queues.Model;
using Fulmen.Queues.MoveTasks;

namespace Fulmen.Queues.Api;

/// <summary>
/// Dead-letter queues: ListDeadLetterSourceQueues, and message move tasks (StartMessageMoveTask, ListMessageMoveTasks,
/// CancelMessageMoveTask) that send a dead-letter queue's messages back to their sources or to another queue.
/// </summary>
public sealed partial class SqsApi
{
    private async Task<JsonObject> ListDeadLetterSourceQueuesAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var max = request.IntBetween("MaxResults", 1, 1000, "Must be between 1 and 1000, if provided.");
        var after = request.String("NextToken") is { Length: > 0 } token ? DecodeToken(token) : null;
        var names = SourcesOf(QueueArn(queue.Name))
            .Where(n => after is null || string.CompareOrdinal(n, after) > 0)
            .ToList();
        var page = names.Take(max ?? 1000).ToList();
        // queueUrls is required in SQS's answer: an empty list when no queue names this one as its dead-letter queue.
        var result = new JsonObject { ["queueUrls"] = new JsonArray([.. page.Select(n => (JsonNode)JsonValue.Create(QueueUrl(request, n)))]) };
        if (max is not null && names.Count > page.Count)
        {
            result["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1]));
        }
        return result;
    }

    /// <summary>The queues whose redrive policy names <paramref name="deadLetterArn"/>, by name.</summary>
    private IEnumerable<string> SourcesOf(string deadLetterArn) =>
        catalog.All.Where(q => QueueAttributes.Redrive(q)?.TargetArn == deadLetterArn).Select(q => q.Name);

    private async Task<JsonObject> StartMessageMoveTaskAsync(SqsRequest request)
    {
        var (sourceArn, source) = QueueByArn(request, "SourceArn");
        if (!SourcesOf(sourceArn).Any())
        {
            throw SqsErrors.InvalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
        }
        var destinationArn = request.String("DestinationArn") is { Length: > 0 } ? QueueByArn(request, "DestinationArn").Arn : null;
        var rate = request.IntBetween("MaxNumberOfMessagesPerSecond", 1, 500, "You must enter a number that's between 1 and 500.");
        var (handle, refusal) = await moveTasks.StartTaskAsync(source, destinationArn, rate, request.Aborted);
        return refusal == MoveTaskRefusal.AlreadyRunning
            ? throw SqsErrors.InvalidParameterValue("There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
            : new JsonObject { ["TaskHandle"] = handle };
    }

    private Task<JsonObject> ListMessageMoveTasksAsync(SqsRequest request)
    {
        var (sourceArn, _) = QueueByArn(request, "SourceArn");
        var max = request.IntBetween("MaxResults", 1, 10, "You must enter a number that's between 1 and 10.") ?? 1;
        var results = new JsonArray();
        foreach (var task in moveTasks.List(sourceArn, max))
        {
            var entry = new JsonObject();
            // The handle only while the task runs: it is what CancelMessageMoveTask takes.
            if (task.Status == MoveTaskStatus.Running)
            {
                entry["TaskHandle"] = new TaskHandleText(task.TaskId, task.SourceArn).Encode();
            }
            entry["Status"] = task.Status;
            entry["SourceArn"] = task.SourceArn;
            if (task.DestinationArn is { } destination)
            {
                entry["DestinationArn"] = destination;
            }
            if (task.MaxNumberOfMessagesPerSecond is { } rate)
            {
                entry["MaxNumberOfMessagesPerSecond"] = rate;
            }
            entry["ApproximateNumberOfMessagesMoved"] = task.Moved;
            entry["ApproximateNumberOfMessagesToMove"] = task.ToMove;
            if (task.FailureReason is { } reason)
            {
                entry["FailureReason"] = reason;
            }
            entry["StartedTimestamp"] = task.StartedTimestamp;
            results.Add(entry);
        }
        return Task.FromResult(new JsonObject { ["Results"] = results });
    }

    private async Task<JsonObject> CancelMessageMoveTaskAsync(SqsRequest request)
    {
        var text = request.RequiredString("TaskHandle");
        var handle = TaskHandleText.TryDecode(text) ?? throw SqsErrors.InvalidParameterValue("Value for parameter TaskHandle is invalid.");
        if (moveTasks.QueueOf(handle.SourceArn!) is null)
        {
            throw ResourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
        }
        var moved = await moveTasks.CancelAsync(handle.TaskId!, request.Aborted)
            ?? throw ResourceNotFound("Task does not exist.");
        return new JsonObject { ["ApproximateNumberOfMessagesMoved"] = moved };
    }

    /// <summary>The queue an ARN parameter names: SQS's errors for a missing, malformed or unknown one.</summary>
    private (string Arn, QueueRecord Queue) QueueByArn(SqsRequest request, string parameter)
    {
        var arn = request.RequiredString(parameter);
        if (!Arn.TryParse(arn, out _))
        {
            throw SqsErrors.InvalidParameterValue($"You must use this format to specify the {parameter}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>");
        }
        return moveTasks.QueueOf(arn) is { } queue
            ? (arn, queue)
            : throw ResourceNotFound($"The resource that you specified for the {parameter} parameter doesn't exist.");
    }

    private static AwsErrorException ResourceNotFound(string message) =>
        SqsErrors.Error("ResourceNotFoundException", "ResourceNotFoundException", message, 404);
}
