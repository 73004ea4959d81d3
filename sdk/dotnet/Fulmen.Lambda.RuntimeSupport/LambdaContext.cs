using System.Globalization;
using System.Text.Json;
using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.RuntimeSupport;

/// <summary>Static facts about the function, read once from the environment AWS defines.</summary>
internal sealed record FunctionFacts(string FunctionName, string FunctionVersion, int MemoryLimitInMB, string LogGroupName, string LogStreamName)
{
    public static FunctionFacts FromEnvironment() => new(
        Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "",
        Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
        int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var memory) ? memory : 128,
        Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME") ?? "",
        Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME") ?? "");
}

/// <summary>The context of one invocation, built from the headers of <c>/next</c>.</summary>
internal sealed class LambdaContext(FunctionFacts function, NextInvocation invocation, ILambdaLogger logger) : ILambdaContext
{
    public string AwsRequestId => invocation.RequestId;

    public IClientContext? ClientContext { get; } = ClientContextJson.Parse(invocation.ClientContext);

    public string FunctionName => function.FunctionName;

    public string FunctionVersion => function.FunctionVersion;

    public ICognitoIdentity? Identity { get; } = CognitoIdentityJson.Parse(invocation.CognitoIdentity);

    public string InvokedFunctionArn => invocation.InvokedFunctionArn;

    public ILambdaLogger Logger => logger;

    public string LogGroupName => function.LogGroupName;

    public string LogStreamName => function.LogStreamName;

    public int MemoryLimitInMB => function.MemoryLimitInMB;

    public TimeSpan RemainingTime =>
        TimeSpan.FromMilliseconds(Math.Max(0, invocation.DeadlineMs - TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()));

    public string? TraceId => invocation.TraceId;
}

internal sealed class ClientContextJson : IClientContext, IClientApplication
{
    public IDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    public IClientApplication Client => this;

    public IDictionary<string, string> Custom { get; private init; } = new Dictionary<string, string>();

    public string AppPackageName { get; private init; } = "";

    public string AppTitle { get; private init; } = "";

    public string AppVersionCode { get; private init; } = "";

    public string AppVersionName { get; private init; } = "";

    public string InstallationId { get; private init; } = "";

    /// <summary>The client context JSON (<c>{"client":{…},"custom":{…},"env":{…}}</c>), or null when absent or unreadable.</summary>
    public static ClientContextJson? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var client = root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            return new ClientContextJson
            {
                Environment = Strings(root, "env"),
                Custom = Strings(root, "custom"),
                AppPackageName = Text(client, "app_package_name"),
                AppTitle = Text(client, "app_title"),
                AppVersionCode = Text(client, "app_version_code"),
                AppVersionName = Text(client, "app_version_name"),
                InstallationId = Text(client, "installation_id"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Strings(JsonElement root, string name)
    {
        var result = new Dictionary<string, string>();
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
        return result;
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}

internal sealed record CognitoIdentityJson(string IdentityId, string IdentityPoolId) : ICognitoIdentity
{
    public static CognitoIdentityJson? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new CognitoIdentityJson(
                root.TryGetProperty("cognitoIdentityId", out var id) ? id.GetString() ?? "" : "",
                root.TryGetProperty("cognitoIdentityPoolId", out var pool) ? pool.GetString() ?? "" : "");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
