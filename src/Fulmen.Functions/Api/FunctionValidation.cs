using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulmen.Execution.Runtimes;

namespace Fulmen.Functions.Api;

/// <summary>AWS's checks on function settings, with AWS's error types and wording.</summary>
internal static partial class FunctionValidation
{
    private const string RolePattern = @"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";
    private const string VariableNamePattern = "[a-zA-Z]([a-zA-Z0-9_])+";
    private const string ResourceArnPattern = "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()";

    private static readonly HashSet<string> ReservedVariables = new(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    [GeneratedRegex("^" + RolePattern + "$")]
    private static partial Regex Role();

    [GeneratedRegex("^" + VariableNamePattern + "$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^[^\s]+$")]
    private static partial Regex Handler();

    [GeneratedRegex("^(?:" + ResourceArnPattern + ")$")]
    private static partial Regex ResourceArn();

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:(?<service>sqs|sns):(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\d):\d{12}:[a-zA-Z0-9_-]{1,256}(?<fifo>\.fifo)?$")]
    private static partial Regex QueueOrTopic();

    /// <summary>Collects constraint violations in AWS's ValidationException wording.</summary>
    public sealed class Problems
    {
        private readonly List<string> _items = [];

        public void Range(string member, int? value, int min, int max)
        {
            if (value is { } v && v < min)
            {
                _items.Add($"Value '{v}' at '{member}' failed to satisfy constraint: Member must have value greater than or equal to {min}");
            }
            else if (value is { } w && w > max)
            {
                _items.Add($"Value '{w}' at '{member}' failed to satisfy constraint: Member must have value less than or equal to {max}");
            }
        }

        public void MaxLength(string member, string? value, int max)
        {
            if (value is not null && value.Length > max)
            {
                _items.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}");
            }
        }

        public void Pattern(string member, string? value, Regex regex, string pattern)
        {
            if (value is not null && !regex.IsMatch(value))
            {
                _items.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
            }
        }

        public void Add(string problem) => _items.Add(problem);

        public void ThrowIfAny()
        {
            if (_items.Count > 0)
            {
                throw new LambdaApiException(LambdaError.Validation([.. _items]));
            }
        }
    }

    public static void CheckSettings(Problems problems, string? role, string? handler, string? description, int? timeout, int? memorySize, int? ephemeralStorage)
    {
        problems.Pattern("role", role, Role(), RolePattern);
        problems.MaxLength("handler", handler, 128);
        problems.Pattern("handler", handler, Handler(), @"[^\s]+");
        problems.MaxLength("description", description, 256);
        problems.Range("timeout", timeout, 1, 900);
        problems.Range("memorySize", memorySize, 128, 10240);
        problems.Range("ephemeralStorage.size", ephemeralStorage, 512, 10240);
    }

    public static void CheckDeadLetterPattern(Problems problems, string? targetArn) =>
        problems.Pattern("deadLetterConfig.targetArn", targetArn, ResourceArn(), ResourceArnPattern);

    /// <summary>
    /// A dead-letter target must be a standard SQS queue or SNS topic in this region. The wording follows AWS's
    /// "Invalid dead letter queue ARN: …" messages; the one for a malformed queue or topic ARN is Fulmen's.
    /// </summary>
    public static void CheckDeadLetterTarget(string targetArn, string region)
    {
        if (DeadLetterProblem(targetArn, region) is { } problem)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter($"Invalid dead letter queue ARN: {problem}"));
        }
    }

    private static string? DeadLetterProblem(string targetArn, string region)
    {
        if (!targetArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return "ARNs must start with 'arn:'";
        }
        var service = targetArn.Split(':') is { Length: > 2 } parts ? parts[2] : "";
        if (service is not ("sqs" or "sns"))
        {
            return "The service specified by the TargetArn is not supported for dead letter configuration.";
        }
        var target = QueueOrTopic().Match(targetArn);
        if (!target.Success)
        {
            return $"{targetArn} is neither an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>) nor an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>).";
        }
        if (target.Groups["region"].Value != region)
        {
            return "The resource specified by the TargetArn must be in the same region as the Lambda function it's associated with.";
        }
        return target.Groups["fifo"].Success
            ? $"FIFO {(service == "sqs" ? "SQS queue" : "SNS topic")} is not supported for dead letter configuration"
            : null;
    }

    public static void CheckVariableNames(Problems problems, IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is not null && variables.Keys.Any(k => !VariableName().IsMatch(k)))
        {
            problems.Add($"Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: {VariableNamePattern}]");
        }
    }

    public static void CheckRuntime(string runtime)
    {
        if (!RuntimeCatalog.IsKnown(runtime))
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(
                $"Value {runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", RuntimeCatalog.Names)}] or be a valid ARN"));
        }
    }

    /// <summary>The 4 KB limit is measured on the JSON of the map, and reserved names are refused.</summary>
    public static void CheckVariables(IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return;
        }
        var reserved = variables.Keys.Where(ReservedVariables.Contains).ToList();
        if (reserved.Count > 0)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(
                $"Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: {string.Join(", ", reserved)}"));
        }
        var json = JsonSerializer.Serialize(variables, LambdaJsonContext.Default.IReadOnlyDictionaryStringString);
        if (System.Text.Encoding.UTF8.GetByteCount(json) > 4096)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(
                $"Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {json}"));
        }
    }

    public static void CheckArchitectures(Problems problems, List<string>? architectures)
    {
        if (architectures is null)
        {
            return;
        }
        if (architectures.Count != 1)
        {
            problems.Add($"Value '[{string.Join(", ", architectures)}]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1");
        }
        else if (architectures[0] is not ("x86_64" or "arm64"))
        {
            problems.Add($"Value '[{architectures[0]}]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
        }
    }

    public static void CheckTags(IReadOnlyDictionary<string, string>? tags, int existing = 0)
    {
        if (tags is not null && tags.Count + existing > 50)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Number of tags exceeds resource tag limit."));
        }
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
