using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Events.Delivery;
using Fulmen.Events.Model;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Api;

public sealed partial class EventsApi
{
    private const int TargetsPerRule = 5;

    private async Task<JsonObject> PutTargetsAsync(EventsRequest request)
    {
        var rule = await RuleAsync(request, "Rule", "rule");
        var targets = request.Array("Targets") ?? throw EventsErrors.Missing("targets");
        if (targets.Count is < 1 or > 10)
        {
            throw EventsErrors.Constraint("[...]", "targets", targets.Count == 0 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 10");
        }
        var accepted = new List<TargetRecord>();
        var failed = new JsonArray();
        foreach (var node in targets)
        {
            var target = node as JsonObject ?? throw EventsRequest.Serialization();
            accepted.Add(CheckTarget(target));
        }
        var bus = rule.Record.EventBusName;
        var (_, fits) = await catalog.ChangeRuleAsync(bus, rule.Record.Name, existing =>
        {
            if (existing is null)
            {
                return DocumentChange.Keep<RuleRecord, bool?>(null);
            }
            // A target with an id the rule has is replaced; the others are added.
            var merged = existing.Targets.Where(t => accepted.All(a => a.Id != t.Id)).Concat(accepted).ToList();
            return merged.Count > TargetsPerRule
                ? DocumentChange.Keep<RuleRecord, bool?>(false)
                : DocumentChange.Put(existing with { Targets = merged }, (bool?)true);
        }, request.Aborted);
        return fits switch
        {
            null => throw EventsErrors.RuleNotFound(rule.Record.Name, bus),
            false => throw EventsErrors.LimitExceeded("The requested resource exceeds the maximum number allowed."),
            _ => new JsonObject { ["FailedEntryCount"] = failed.Count, ["FailedEntries"] = failed },
        };
    }

    /// <summary>Checks one target as AWS's validation does and keeps it as the caller sent it.</summary>
    private static TargetRecord CheckTarget(JsonObject target)
    {
        var id = Text(target["Id"]) ?? throw EventsErrors.Missing("targets.member.id");
        EventsRequest.CheckName(id, "targets.member.id", EventsRequest.TargetId, EventsRequest.RuleNamePattern, 64);
        var arn = Text(target["Arn"]) ?? throw EventsErrors.Missing("targets.member.arn");
        if (arn.Length is 0 or > 1600)
        {
            throw EventsErrors.Constraint(arn, "targets.member.arn", "Member must have length less than or equal to 1600");
        }
        var input = Text(target["Input"]);
        var inputPath = Text(target["InputPath"]);
        var transformer = target["InputTransformer"];
        if ((input is null ? 0 : 1) + (inputPath is null ? 0 : 1) + (transformer is null ? 0 : 1) > 1)
        {
            throw EventsErrors.Validation("Only one of Input, InputPath, or InputTransformer must be provided.");
        }
        if (input is not null && !IsJson(input))
        {
            throw EventsErrors.Validation($"Target {id} has invalid Input: Input must be valid JSON text.");
        }
        if (inputPath is not null && !JsonPathSelector.TryParse(inputPath, out _))
        {
            throw EventsErrors.Validation($"Target {id} has invalid InputPath: {inputPath}.");
        }
        if (transformer is not null)
        {
            CheckTransformer(id, transformer as JsonObject ?? throw EventsRequest.Serialization());
        }
        CheckRetryPolicy(target["RetryPolicy"]);
        CheckDeadLetterConfig(id, target["DeadLetterConfig"]);
        return new TargetRecord { Id = id, Arn = arn, Json = target.ToJsonString() };
    }

    private static void CheckTransformer(string id, JsonObject transformer)
    {
        var template = Text(transformer["InputTemplate"]) ?? throw EventsErrors.Missing("targets.member.inputTransformer.inputTemplate");
        if (template.Length is 0 or > 8192)
        {
            throw EventsErrors.Constraint(template, "targets.member.inputTransformer.inputTemplate", "Member must have length less than or equal to 8192");
        }
        if (transformer["InputPathsMap"] is { } map)
        {
            var paths = map as JsonObject ?? throw EventsRequest.Serialization();
            if (paths.Count > 100)
            {
                throw EventsErrors.Validation($"Target {id}: InputPathsMap can have at most 100 entries.");
            }
            foreach (var (name, value) in paths)
            {
                if (name.StartsWith("aws.", StringComparison.OrdinalIgnoreCase))
                {
                    throw EventsErrors.Validation($"Target {id}: InputPathsMap key {name} is reserved.");
                }
                if (Text(value) is not { } path || !JsonPathSelector.TryParse(path, out _))
                {
                    throw EventsErrors.Validation($"Target {id}: InputPathsMap has an invalid JSON path for {name}.");
                }
            }
        }
    }

    /// <summary>RetryPolicy's ranges as AWS states them: 0–185 retries, 60–86,400 seconds.</summary>
    private static void CheckRetryPolicy(JsonNode? node)
    {
        if (node is null)
        {
            return;
        }
        var policy = node as JsonObject ?? throw EventsRequest.Serialization();
        CheckRange(policy["MaximumRetryAttempts"], "targets.member.retryPolicy.maximumRetryAttempts", 0, 185);
        CheckRange(policy["MaximumEventAgeInSeconds"], "targets.member.retryPolicy.maximumEventAgeInSeconds", 60, 86_400);
    }

    private static void CheckRange(JsonNode? node, string member, int min, int max)
    {
        if (node is null)
        {
            return;
        }
        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var value))
        {
            throw EventsRequest.Serialization();
        }
        if (value < min)
        {
            throw EventsErrors.Constraint(value.ToString(System.Globalization.CultureInfo.InvariantCulture), member, $"Member must have value greater than or equal to {min}");
        }
        if (value > max)
        {
            throw EventsErrors.Constraint(value.ToString(System.Globalization.CultureInfo.InvariantCulture), member, $"Member must have value less than or equal to {max}");
        }
    }

    /// <summary>A dead-letter queue is a standard SQS queue (AWS does not take FIFO ones).</summary>
    private static void CheckDeadLetterConfig(string id, JsonNode? node)
    {
        if (node is null)
        {
            return;
        }
        var config = node as JsonObject ?? throw EventsRequest.Serialization();
        if (Text(config["Arn"]) is not { } arn)
        {
            return;
        }
        if (arn.Length is 0 or > 1600)
        {
            throw EventsErrors.Constraint(arn, "targets.member.deadLetterConfig.arn", "Member must have length less than or equal to 1600");
        }
        if (!Fulmen.Protocols.Arns.Arn.TryParse(arn, out var parsed) || parsed.Service != "sqs")
        {
            throw EventsErrors.Validation($"Target {id}: DeadLetterConfig.Arn {arn} is not the ARN of an SQS queue.");
        }
        if (parsed.Resource.EndsWith(".fifo", StringComparison.Ordinal))
        {
            throw EventsErrors.Validation($"Target {id}: a FIFO queue cannot be used as a dead-letter queue.");
        }
    }

    private async Task<JsonObject> RemoveTargetsAsync(EventsRequest request)
    {
        var rule = await RuleAsync(request, "Rule", "rule");
        var ids = (request.Array("Ids") ?? throw EventsErrors.Missing("ids")).Select(n => Text(n) ?? throw EventsRequest.Serialization()).ToHashSet(StringComparer.Ordinal);
        await catalog.ChangeRuleAsync(rule.Record.EventBusName, rule.Record.Name, existing => existing is null
            ? DocumentChange.Keep<RuleRecord, bool>(false)
            : DocumentChange.Put(existing with { Targets = [.. existing.Targets.Where(t => !ids.Contains(t.Id))] }, true), request.Aborted);
        return new JsonObject { ["FailedEntryCount"] = 0, ["FailedEntries"] = new JsonArray() };
    }

    private async Task<JsonObject> ListTargetsByRuleAsync(EventsRequest request)
    {
        var rule = await RuleAsync(request, "Rule", "rule");
        var (page, next) = request.Paged(rule.Record.Targets);
        var result = new JsonObject { ["Targets"] = new JsonArray([.. page.Select(t => JsonNode.Parse(t.Json))]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    private async Task<JsonObject> ListRuleNamesByTargetAsync(EventsRequest request)
    {
        var arn = request.Required("TargetArn", "targetArn");
        var bus = await BusAsync(request);
        var (page, next) = request.Paged([.. catalog.Rules(bus.Name).Where(r => r.Record.Targets.Any(t => t.Arn == arn)).Select(r => r.Record.Name)]);
        var result = new JsonObject { ["RuleNames"] = new JsonArray([.. page.Select(n => JsonValue.Create(n))]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        _ when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => throw EventsRequest.Serialization(),
    };

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
