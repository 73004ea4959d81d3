using System.Text.Json.Nodes;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.Api;

/// <summary>
/// AddPermission and RemovePermission: statements in the queue's <c>Policy</c> attribute (stored and answered by
/// GetQueueAttributes; not enforced, as no policy is).
/// </summary>
public sealed partial class SqsApi
{
    private async Task<JsonObject> AddPermissionAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var label = Label(request);
        var accounts = request.Strings("AWSAccountIds");
        if (accounts.Count == 0)
        {
            throw SqsErrors.MissingParameter("AWSAccountIds");
        }
        var actions = request.Strings("Actions");
        if (actions.Count == 0)
        {
            throw SqsErrors.MissingParameter("Actions");
        }
        foreach (var action in actions.Where(a => a != "*" && !Operations.Contains(a)))
        {
            throw SqsErrors.InvalidParameter("ActionName", "SQS:" + action, "Please refer to the appropriate WSDL for a list of valid actions. ");
        }
        var arn = QueueArn(queue.Name);
        await ChangeQueueAsync(request, queue.Name, existing => existing with
        {
            Attributes = Merged(existing.Attributes, new Dictionary<string, string>
            {
                ["Policy"] = QueuePolicy.Add(QueueAttributes.Value(existing, "Policy"), arn, label, accounts, actions),
            }),
        });
        return [];
    }

    private async Task<JsonObject> RemovePermissionAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var label = request.RequiredString("Label");
        var arn = QueueArn(queue.Name);
        await ChangeQueueAsync(request, queue.Name, existing =>
        {
            var policy = QueuePolicy.Remove(QueueAttributes.Value(existing, "Policy"), arn, label);
            var attributes = new Dictionary<string, string>(existing.Attributes, StringComparer.Ordinal);
            if (policy.Length == 0)
            {
                attributes.Remove("Policy"); // the last statement gone, the queue has no policy, as in SQS
            }
            else
            {
                attributes["Policy"] = policy;
            }
            return existing with { Attributes = attributes };
        });
        return [];
    }

    private static string Label(SqsRequest request)
    {
        var label = request.RequiredString("Label");
        return QueueNamePattern().IsMatch(label)
            ? label
            : throw SqsErrors.InvalidParameter("Label", label, "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.");
    }
}
