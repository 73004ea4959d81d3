using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Queues.Api;

namespace Fulmen.Queues.Model;

/// <summary>
/// The queue's <c>Policy</c> attribute as AddPermission and RemovePermission change it: one statement per label, written
/// as SQS writes them (<c>Sid</c> = label, principals <c>arn:aws:iam::ACCOUNT:root</c>, actions <c>SQS:Name</c>, a single
/// value unwrapped from its list), in a policy SQS creates with <c>Version</c> 2008-10-17 and <c>Id</c> ARN/SQSDefaultPolicy.
/// </summary>
internal static class QueuePolicy
{
    /// <summary>The policy with a statement for <paramref name="label"/> added; SQS's error when the label is taken.</summary>
    public static string Add(string? policy, string queueArn, string label, IReadOnlyList<string> accounts, IReadOnlyList<string> actions)
    {
        var (document, statements) = Read(policy, queueArn);
        if (statements.Any(s => Sid(s) == label))
        {
            throw SqsErrors.InvalidParameter("Label", label, "Already exists.");
        }
        statements.Add(new JsonObject
        {
            ["Sid"] = label,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = OneOrMany(accounts.Select(a => $"arn:aws:iam::{a}:root")) },
            ["Action"] = OneOrMany(actions.Select(a => $"SQS:{a}")),
            ["Resource"] = queueArn,
        });
        return document.ToJsonString();
    }

    /// <summary>The policy without <paramref name="label"/>'s statement (empty when none is left); SQS's error when there is none.</summary>
    public static string Remove(string? policy, string queueArn, string label)
    {
        var (document, statements) = Read(policy, queueArn);
        var statement = statements.FirstOrDefault(s => Sid(s) == label) ?? throw SqsErrors.InvalidParameter("Label", label, "can't find label.");
        statements.Remove(statement);
        return statements.Count == 0 ? "" : document.ToJsonString();
    }

    private static (JsonObject Document, JsonArray Statements) Read(string? policy, string queueArn)
    {
        // Set by SetQueueAttributes, the policy is an object (checked there); its Statement may be one statement or a list.
        var document = policy is { Length: > 0 } ? JsonNode.Parse(policy) as JsonObject : null;
        document ??= new JsonObject { ["Version"] = "2008-10-17", ["Id"] = $"{queueArn}/SQSDefaultPolicy" };
        var statements = document["Statement"] switch
        {
            JsonArray array => array,
            JsonNode single => new JsonArray(single.DeepClone()),
            null => [],
        };
        document["Statement"] = statements;
        return (document, statements);
    }

    private static string? Sid(JsonNode? statement) =>
        statement is JsonObject o && o["Sid"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static JsonNode OneOrMany(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 1 ? JsonValue.Create(list[0]) : new JsonArray([.. list.Select(v => (JsonNode)JsonValue.Create(v))]);
    }
}
