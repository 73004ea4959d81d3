using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulmen.Functions.EventSources.Filtering;
using Fulmen.Protocols.Arns;

namespace Fulmen.Pipes.Api;

/// <summary>CreatePipe's and UpdatePipe's checks: the model's constraints, then what Fulmen's pipes can run.</summary>
internal static partial class PipeValidation
{
    private const string NamePattern = @"^[\.\-_A-Za-z0-9]+$";
    private const string RolePattern = @"^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z0-9+=,.@\-_/]+$";

    public static void Name(string name)
    {
        if (name.Length > 64)
        {
            throw PipesErrors.Constraint("name", name, "Member must have length less than or equal to 64");
        }
        if (!NameRegex().IsMatch(name))
        {
            throw PipesErrors.Constraint("name", name, $"Member must satisfy regular expression pattern: {NamePattern}");
        }
    }

    public static void RoleArn(string? role)
    {
        if (role is null)
        {
            throw PipesErrors.Missing("roleArn");
        }
        if (role.Length is < 1 or > 1600 || !RoleRegex().IsMatch(role))
        {
            throw PipesErrors.Constraint("roleArn", role, $"Member must satisfy regular expression pattern: {RolePattern}");
        }
    }

    public static void Description(string? description)
    {
        if (description is { Length: > 512 })
        {
            throw PipesErrors.Constraint("description", description, "Member must have length less than or equal to 512");
        }
    }

    public static void DesiredState(string? state)
    {
        if (state is not (null or "RUNNING" or "STOPPED"))
        {
            throw PipesErrors.Constraint("desiredState", state, "Member must satisfy enum value set: [RUNNING, STOPPED]");
        }
    }

    /// <summary>An SQS queue's ARN: the one source kind this server runs.</summary>
    public static void Source(string? source)
    {
        if (source is null)
        {
            throw PipesErrors.Missing("source");
        }
        if (!Arn.TryParse(source, out var arn))
        {
            throw PipesErrors.Constraint("source", source, "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-]+):([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
        }
        if (arn.Service != "sqs")
        {
            throw PipesErrors.Field("source", $"Source {source} is not supported yet: pipes here read Amazon SQS queues only.");
        }
    }

    /// <summary>Lambda functions, SQS queues and event buses.</summary>
    public static void Target(string? target)
    {
        if (target is null)
        {
            throw PipesErrors.Missing("target");
        }
        if (!Arn.TryParse(target, out var arn))
        {
            throw PipesErrors.Constraint("target", target, "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-]+):([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
        }
        var supported = arn.Service is "lambda" or "sqs" || (arn.Service == "events" && arn.Resource.StartsWith("event-bus/", StringComparison.Ordinal));
        if (!supported)
        {
            throw PipesErrors.Field("target", $"Target {target} is not supported yet: pipes here deliver to Lambda functions, Amazon SQS queues and event buses.");
        }
    }

    /// <summary>A Lambda function, or empty (no enrichment).</summary>
    public static void Enrichment(string? enrichment)
    {
        if (string.IsNullOrEmpty(enrichment))
        {
            return;
        }
        if (!Arn.TryParse(enrichment, out var arn) || arn.Service != "lambda")
        {
            throw PipesErrors.Field("enrichment", $"Enrichment {enrichment} is not supported yet: pipes here enrich with Lambda functions only.");
        }
    }

    public static void SourceParameters(JsonObject? parameters)
    {
        if (parameters is null)
        {
            return;
        }
        foreach (var (member, _) in parameters)
        {
            if (member is not ("FilterCriteria" or "SqsQueueParameters"))
            {
                throw PipesErrors.Field("sourceParameters", $"SourceParameters.{member} is not supported yet: the source is an Amazon SQS queue.");
            }
        }
        if (parameters["SqsQueueParameters"] is JsonObject sqs)
        {
            Range(sqs["BatchSize"], "sourceParameters.sqsQueueParameters.batchSize", 1, 10000);
            Range(sqs["MaximumBatchingWindowInSeconds"], "sourceParameters.sqsQueueParameters.maximumBatchingWindowInSeconds", 0, 300);
        }
        if ((parameters["FilterCriteria"] as JsonObject)?["Filters"] is JsonArray filters)
        {
            if (filters.Count > 5)
            {
                throw PipesErrors.Constraint("sourceParameters.filterCriteria.filters", null, "Member must have length less than or equal to 5");
            }
            var patterns = filters.Select(f => (f as JsonObject)?["Pattern"] is JsonValue v && v.TryGetValue<string>(out var p) ? p : null).OfType<string>().ToArray();
            if (MappingFilters.Validate(patterns) is { } problem)
            {
                throw PipesErrors.Field("sourceParameters.filterCriteria", $"Invalid filter pattern definition. {problem.Message}");
            }
        }
    }

    public static void TargetParameters(JsonObject? parameters)
    {
        if (parameters is null)
        {
            return;
        }
        foreach (var (member, _) in parameters)
        {
            if (member is not ("InputTemplate" or "LambdaFunctionParameters" or "SqsQueueParameters" or "EventBridgeEventBusParameters"))
            {
                throw PipesErrors.Field("targetParameters", $"TargetParameters.{member} is not supported yet.");
            }
        }
        Template(parameters["InputTemplate"], "targetParameters.inputTemplate");
        if ((parameters["LambdaFunctionParameters"] as JsonObject)?["InvocationType"] is { } type
            && !(type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() is "REQUEST_RESPONSE" or "FIRE_AND_FORGET"))
        {
            throw PipesErrors.Constraint("targetParameters.lambdaFunctionParameters.invocationType", type.ToString(),
                "Member must satisfy enum value set: [REQUEST_RESPONSE, FIRE_AND_FORGET]");
        }
    }

    public static void EnrichmentParameters(JsonObject? parameters)
    {
        if (parameters is null)
        {
            return;
        }
        foreach (var (member, _) in parameters)
        {
            if (member != "InputTemplate")
            {
                throw PipesErrors.Field("enrichmentParameters", $"EnrichmentParameters.{member} is not supported yet.");
            }
        }
        Template(parameters["InputTemplate"], "enrichmentParameters.inputTemplate");
    }

    public static void Tags(JsonObject? tags, string field = "tags")
    {
        if (tags is null)
        {
            return;
        }
        if (tags.Count is < 1 or > 50)
        {
            throw PipesErrors.Constraint(field, null, tags.Count == 0 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 50");
        }
        foreach (var (key, value) in tags)
        {
            if (key.Length is < 1 or > 128 || value?.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Length > 256)
            {
                throw PipesErrors.Constraint(field, null, "Map keys must have length between 1 and 128, values at most 256 characters");
            }
        }
    }

    private static void Template(JsonNode? template, string field)
    {
        if (template is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 8192)
        {
            throw PipesErrors.Constraint(field, null, "Member must have length less than or equal to 8192");
        }
    }

    private static void Range(JsonNode? node, string field, int min, int max)
    {
        if (node is null)
        {
            return;
        }
        if (node is not JsonValue value || !value.TryGetValue<int>(out var number))
        {
            throw PipesErrors.Constraint(field, node.ToJsonString(), "Member must be an integer");
        }
        if (number < min)
        {
            throw PipesErrors.Constraint(field, number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {min}");
        }
        if (number > max)
        {
            throw PipesErrors.Constraint(field, number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value less than or equal to {max}");
        }
    }

    [GeneratedRegex(NamePattern)]
    private static partial Regex NameRegex();

    [GeneratedRegex(RolePattern)]
    private static partial Regex RoleRegex();
}
