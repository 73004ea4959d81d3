using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulmen.Protocols.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Scheduler.Api;

/// <summary>
/// A JSON object of a Scheduler request (the body, or one of its structures) with typed reads. <c>member</c> names are
/// the camel-case paths AWS's validation messages use (<c>target.retryPolicy.maximumRetryAttempts</c>).
/// </summary>
internal sealed partial class SchedulerRequest(JsonObject body, string path = "")
{
    public JsonObject Body { get; } = body;

    /// <summary>The request's body: empty when there is none; anything but one JSON object is a ValidationException.</summary>
    public static async Task<SchedulerRequest> ReadAsync(HttpRequest request)
    {
        try
        {
            var body = await JsonBody.ReadObjectAsync(request);
            if (NullInList.Find(JsonSerializer.SerializeToElement(body)) is { } found)
            {
                throw SchedulerErrors.Validation(found.Constraint);
            }
            return new SchedulerRequest(body);
        }
        catch (JsonException)
        {
            throw SchedulerErrors.Validation("The request body is not a valid JSON object.");
        }
    }

    public string Member(string name) => path + char.ToLowerInvariant(name[0]) + name[1..];

    public string? String(string name) => Body[name] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => throw SchedulerErrors.Serialization(Member(name)),
    };

    public string Required(string name) => String(name) ?? throw SchedulerErrors.Missing(Member(name));

    public int? Int(string name) => Body[name] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value) => value,
        _ => throw SchedulerErrors.Serialization(Member(name)),
    };

    /// <summary>A timestamp: rest-json sends epoch seconds, possibly with a fraction.</summary>
    public double? Timestamp(string name) => Body[name] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var value) && double.IsFinite(value) => value,
        _ => throw SchedulerErrors.Serialization(Member(name)),
    };

    public SchedulerRequest? Object(string name) => Body[name] switch
    {
        null => null,
        JsonObject structure => new SchedulerRequest(structure, Member(name) + "."),
        _ => throw SchedulerErrors.Serialization(Member(name)),
    };

    public JsonArray? Array(string name) => Body[name] switch
    {
        null => null,
        JsonArray array => array,
        _ => throw SchedulerErrors.Serialization(Member(name)),
    };

    /// <summary>A string member within <paramref name="min"/>..<paramref name="max"/> characters and, if given, a pattern.</summary>
    public string? Text(string name, int min, int max, Regex? pattern = null, string? patternText = null)
    {
        var value = String(name);
        if (value is not null)
        {
            Check(value, Member(name), min, max, pattern, patternText);
        }
        return value;
    }

    public static void Check(string value, string member, int min, int max, Regex? pattern = null, string? patternText = null)
    {
        if (value.Length < min)
        {
            throw SchedulerErrors.Constraint(value, member, $"Member must have length greater than or equal to {min}");
        }
        if (value.Length > max)
        {
            throw SchedulerErrors.Constraint(value, member, $"Member must have length less than or equal to {max}");
        }
        if (pattern is not null && !pattern.IsMatch(value))
        {
            throw SchedulerErrors.Constraint(value, member, $"Member must satisfy regular expression pattern: {patternText}");
        }
    }

    public int? Range(string name, int min, int max)
    {
        var value = Int(name);
        if (value is { } v && (v < min || v > max))
        {
            var text = v.ToString(CultureInfo.InvariantCulture);
            throw SchedulerErrors.Constraint(text, Member(name), v < min ? $"Member must have value greater than or equal to {min}" : $"Member must have value less than or equal to {max}");
        }
        return value;
    }

    public string? Enum(string name, params string[] values) => EnumValue(String(name), Member(name), values);

    public static string? EnumValue(string? value, string member, string[] values) =>
        value is null || values.Contains(value, StringComparer.Ordinal)
            ? value
            : throw SchedulerErrors.Constraint(value, member, $"Member must satisfy enum value set: [{string.Join(", ", values)}]");

    public const string NamePattern = "^[0-9a-zA-Z-_.]+$";

    [GeneratedRegex(NamePattern)]
    public static partial Regex Name { get; }

    public const string ClientTokenPattern = "^[a-zA-Z0-9-_]+$";

    [GeneratedRegex(ClientTokenPattern)]
    public static partial Regex ClientToken { get; }

    public const string RoleArnPattern = @"^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@\/-]+$";

    [GeneratedRegex(RoleArnPattern)]
    public static partial Regex RoleArn { get; }

    public const string QueueArnPattern = @"^arn:aws(-[a-z]+)?:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+$";

    [GeneratedRegex(QueueArnPattern)]
    public static partial Regex QueueArn { get; }

    public const string KmsKeyArnPattern = @"^arn:aws(-[a-z]+)?:kms:[a-z0-9\-]+:\d{12}:(key|alias)\/[0-9a-zA-Z-_]*$";

    [GeneratedRegex(KmsKeyArnPattern)]
    public static partial Regex KmsKeyArn { get; }

    public const string GroupArnPattern = @"^arn:aws(-[a-z]+)?:scheduler:[a-z0-9\-]+:\d{12}:schedule-group\/[0-9a-zA-Z-_.]+$";

    [GeneratedRegex(GroupArnPattern)]
    public static partial Regex GroupArn { get; }
}
