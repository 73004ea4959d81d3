using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Queues.Api;

/// <summary>
/// One SQS request in the JSON protocol's shape (query requests are converted to it by <c>Wire/QueryInput</c>), with
/// readers that answer SQS's parameter errors.
/// </summary>
internal sealed class SqsRequest(HttpContext context, JsonObject body)
{
    public HttpContext Context { get; } = context;

    public JsonObject Body { get; } = body;

    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>Queue URLs are answered with the host and port the client used, as it reached this server.</summary>
    public string BaseUrl => $"{Context.Request.Scheme}://{Context.Request.Host}";

    public string? String(string name) => String(Body, name);

    public string RequiredString(string name) => String(name) is { Length: > 0 } value ? value : throw SqsErrors.MissingParameter(name);

    public int? Int(string name) => Int(Body, name);

    public static string? String(JsonObject obj, string name) => obj[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => throw SqsErrors.InvalidParameterValue($"The parameter {name} must be a string."),
    };

    public static int? Int(JsonObject obj, string name)
    {
        var text = String(obj, name);
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SqsErrors.InvalidParameter(name, text, "must be an integer.");
    }

    /// <summary>An integer in [min, max] or null, with SQS's "Value … for parameter … is invalid" otherwise.</summary>
    public int? IntBetween(string name, int min, int max, string? reason = null) => IntBetween(Body, name, min, max, reason);

    public static int? IntBetween(JsonObject obj, string name, int min, int max, string? reason = null)
    {
        var value = Int(obj, name);
        return value is null || (value >= min && value <= max)
            ? value
            : throw SqsErrors.InvalidParameter(name, value.Value.ToString(CultureInfo.InvariantCulture),
                reason ?? $"Must be between {min} and {max}, if provided.");
    }

    public List<string> Strings(string name) => Body[name] switch
    {
        null => [],
        JsonArray array => [.. array.Select(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
            : throw SqsErrors.InvalidParameterValue($"The parameter {name} must be a list of strings."))],
        _ => throw SqsErrors.InvalidParameterValue($"The parameter {name} must be a list of strings."),
    };

    public Dictionary<string, string> StringMap(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Body[name])
        {
            case null:
                return map;
            case JsonObject obj:
                foreach (var (key, _) in obj)
                {
                    map[key] = String(obj, key) ?? "";
                }
                return map;
            default:
                throw SqsErrors.InvalidParameterValue($"The parameter {name} must be a map of strings.");
        }
    }

    /// <summary>A list of structures (batch entries).</summary>
    public List<JsonObject> Objects(string name) => Body[name] switch
    {
        null => [],
        JsonArray array => [.. array.Select(item => item as JsonObject ?? throw SqsErrors.InvalidParameterValue($"The parameter {name} must be a list of structures."))],
        _ => throw SqsErrors.InvalidParameterValue($"The parameter {name} must be a list of structures."),
    };

    /// <summary>
    /// The queue's name from <c>QueueUrl</c> (<c>http://host/{account}/{name}</c>), else from the request path when the
    /// client posted to the queue's URL.
    /// </summary>
    public string QueueName()
    {
        var url = String("QueueUrl");
        var path = url is { Length: > 0 }
            ? (Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url)
            : Context.Request.Path.Value ?? "";
        var name = path.TrimEnd('/');
        name = name[(name.LastIndexOf('/') + 1)..];
        return name.Length > 0 ? name : throw SqsErrors.MissingParameter("QueueUrl");
    }
}
