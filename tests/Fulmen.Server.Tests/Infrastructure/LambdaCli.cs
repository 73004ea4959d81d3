using System.Text.Json;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// The Lambda commands of the AWS CLI (<see cref="AwsCli"/>) as the end-to-end tests use them.
/// Debian's CLI is v2, which takes invoke payloads as base64 unless told <c>raw-in-base64-out</c>.
/// </summary>
public sealed class LambdaCli
{
    private readonly FulmenServer _server;
    private readonly Lazy<AwsCli> _unvalidated;

    public LambdaCli(FulmenServer server)
    {
        _server = server;
        Aws = new AwsCli(server);
        Files = TestFunction.FilesDirectory(server);
        _unvalidated = new Lazy<AwsCli>(() =>
        {
            var config = Path.Combine(Files, "no-parameter-validation.config");
            File.WriteAllText(config, "[default]\nparameter_validation = false\n");
            return new AwsCli(server) { ConfigFile = config };
        });
    }

    public AwsCli Aws { get; }

    /// <summary>A CLI that skips its own client-side checks, so values it would refuse (Timeout 0) reach the server.</summary>
    public AwsCli Unvalidated => _unvalidated.Value;

    /// <summary>Where zips and invoke outputs go: <see cref="TestFunction.FilesDirectory"/>.</summary>
    public string Files { get; }

    public string Zip(string name, TestFunction function) => function.Zip(_server, name);

    /// <summary><c>aws lambda create-function</c> from a fresh zip of <paramref name="function"/>; returns the zip's path and the CLI's output.</summary>
    public async Task<(string Zip, JsonElement Configuration)> CreateAsync(string name, TestFunction function, params string[] extraArguments)
    {
        var zip = Zip(name, function);
        var result = await Aws.SucceedAsync(CreateArguments(name, function, zip, extraArguments));
        return (zip, result.Json);
    }

    public static string[] CreateArguments(string name, TestFunction function, string zip, params string[] extraArguments) =>
    [
        "lambda", "create-function", "--function-name", name, "--runtime", function.Runtime, "--handler", function.Handler,
        "--role", TestFunctions.Role, "--zip-file", $"fileb://{zip}", .. extraArguments,
    ];

    /// <summary><c>aws lambda invoke</c>: the CLI's printed metadata and the payload it wrote to its output file.</summary>
    public async Task<CliInvocation> InvokeAsync(string name, string payload, bool logTail = false)
    {
        var output = Path.Combine(Files, $"invoke-{Guid.NewGuid():N}.json");
        string[] arguments =
        [
            "lambda", "invoke", "--function-name", name, "--cli-binary-format", "raw-in-base64-out", "--payload", payload,
            .. logTail ? (string[])["--log-type", "Tail"] : [], output,
        ];
        var result = await Aws.SucceedAsync(arguments);
        return new CliInvocation(result.Json, await File.ReadAllTextAsync(output));
    }

    /// <summary>Asserts the CLI reported a service error: exit code 254 (CLI v2; v1 used 255) and AWS's error line on stderr.</summary>
    public static void AssertServiceError(AwsCli.Result result, string errorCode, string operation, string messageStart)
    {
        Assert.True(result.ExitCode == 254, $"expected exit code 254, got {result.ExitCode}:\n{result.StandardError}{result.StandardOutput}");
        Assert.Contains($"An error occurred ({errorCode}) when calling the {operation} operation: {messageStart}", result.StandardError, StringComparison.Ordinal);
    }
}

/// <summary>What <c>aws lambda invoke</c> printed (StatusCode, FunctionError, LogResult…) and the payload it saved.</summary>
public sealed record CliInvocation(JsonElement Metadata, string Payload)
{
    public JsonElement PayloadJson => JsonDocument.Parse(Payload).RootElement;

    /// <summary>The decoded <c>LogResult</c> (the log tail), or null when the CLI printed none.</summary>
    public string? Log => Metadata.TryGetProperty("LogResult", out var log) ? AwsCli.Decode(log.GetString()!) : null;

    public string? FunctionError => Metadata.TryGetProperty("FunctionError", out var error) ? error.GetString() : null;
}
