using System.Net;
using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Requests the server refuses: each through the AWS CLI (the error code and message it prints) and
/// over raw HTTP (status, <c>x-amzn-ErrorType</c>, body).
/// </summary>
public sealed class ApiErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function";
    private const int MaxPayloadBytes = 6 * 1024 * 1024;

    private LambdaCli Lambda => fixture.Lambda;
    private LambdaHttp Http => fixture.Http;

    [Fact]
    public async Task GetFunctionAndInvoke_UnknownFunction_ResourceNotFoundException()
    {
        var message = $"Function not found: {Arn}:no-such-function";

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function", "--function-name", "no-such-function"),
            "ResourceNotFoundException", "GetFunction", message);
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "invoke", "--function-name", "no-such-function",
            "--cli-binary-format", "raw-in-base64-out", "--payload", "{}", Path.Combine(Lambda.Files, "unused.json")),
            "ResourceNotFoundException", "Invoke", message);

        var response = await Http.InvokeAsync("no-such-function", "{}");
        AssertError(response, HttpStatusCode.NotFound, "ResourceNotFoundException", message);
        // AWS spells this error's message member with a capital M.
        Assert.Equal(message, response.Json.GetProperty("Message").GetString());
        Assert.Equal("User", response.Json.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Invoke_PayloadNotJson_InvalidRequestContentException()
    {
        var function = await CreateEchoAsync("not-json");
        const string Message = "Could not parse request body into json: Could not parse payload into json";

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "invoke", "--function-name", function,
            "--cli-binary-format", "raw-in-base64-out", "--payload", "{\"unterminated\": ", Path.Combine(Lambda.Files, "unused.json")),
            "InvalidRequestContentException", "Invoke", Message);

        var response = await Http.InvokeAsync(function, "this is not json");
        AssertError(response, HttpStatusCode.BadRequest, "InvalidRequestContentException", Message);
        Assert.Equal("User", response.Json.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Invoke_PayloadOneByteOver6MB_RequestEntityTooLargeException()
    {
        var function = await CreateEchoAsync("too-large");

        // Exactly at the limit is accepted (DryRun reads and checks the payload, then runs nothing).
        using (var atLimit = new ByteArrayContent(JsonString(MaxPayloadBytes)))
        {
            atLimit.Headers.Add("X-Amz-Invocation-Type", "DryRun");
            var accepted = await Http.InvokeAsync(function, atLimit);
            Assert.True(accepted.Status == HttpStatusCode.NoContent, accepted.ToString());
        }

        using var overLimit = new ByteArrayContent(JsonString(MaxPayloadBytes + 1));
        var response = await Http.InvokeAsync(function, overLimit);
        AssertError(response, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException",
            $"Request must be smaller than {MaxPayloadBytes} bytes for the InvokeFunction operation");

        var file = Path.Combine(Lambda.Files, "too-large.json");
        await File.WriteAllBytesAsync(file, JsonString(MaxPayloadBytes + 1));
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "invoke", "--function-name", function,
            "--payload", $"fileb://{file}", Path.Combine(Lambda.Files, "unused.json")),
            "RequestEntityTooLargeException", "Invoke", $"Request must be smaller than {MaxPayloadBytes} bytes for the InvokeFunction operation");
    }

    [Theory]
    [InlineData("--timeout", "Timeout", 0, "timeout", 1)]
    [InlineData("--memory-size", "MemorySize", 127, "memorySize", 128)]
    public async Task CreateFunction_SettingBelowMinimum_ValidationException(string option, string member, int value, string path, int minimum)
    {
        var function = $"invalid-{path}";
        var message = $"1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: Member must have value greater than or equal to {minimum}";
        var zip = Lambda.Zip(function, TestFunctions.ProvidedEcho);

        // The CLI checks these ranges itself; with its validation off the request reaches the server.
        LambdaCli.AssertServiceError(await Lambda.Unvalidated.RunAsync(LambdaCli.CreateArguments(function, TestFunctions.ProvidedEcho, zip, option, $"{value}")),
            "ValidationException", "CreateFunction", message);

        var body = LambdaHttp.CreateFunctionRequest(function, TestFunctions.ProvidedEcho, zip);
        body[member] = value;
        var response = await Http.CreateFunctionAsync(body.ToJsonString());
        AssertError(response, HttpStatusCode.BadRequest, "ValidationException", message);
        Assert.False(response.Json.TryGetProperty("Type", out _), "AWS's ValidationException body has no Type member");

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function", "--function-name", function),
            "ResourceNotFoundException", "GetFunction", "Function not found");
    }

    [Fact]
    public async Task CreateFunction_UnknownRuntime_InvalidParameterValueException()
    {
        var unknown = TestFunctions.ProvidedEcho with { Runtime = "cobol85" };
        var zip = Lambda.Zip("unknown-runtime", unknown);
        const string Message = "Value cobol85 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [";

        var cli = await Lambda.Aws.RunAsync(LambdaCli.CreateArguments("unknown-runtime", unknown, zip));
        LambdaCli.AssertServiceError(cli, "InvalidParameterValueException", "CreateFunction", Message);
        Assert.Contains("nodejs20.x", cli.StandardError, StringComparison.Ordinal);

        var response = await Http.CreateFunctionAsync(LambdaHttp.CreateFunctionRequest("unknown-runtime", unknown, zip).ToJsonString());
        AssertError(response, HttpStatusCode.BadRequest, "InvalidParameterValueException", Message);
        Assert.Contains("python3.12", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFunction_DuplicateName_ResourceConflictException()
    {
        var function = await CreateEchoAsync("duplicate");
        var zip = Lambda.Zip("duplicate-again", TestFunctions.NodeEcho);
        var message = $"Function already exist: {function}";

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync(LambdaCli.CreateArguments(function, TestFunctions.NodeEcho, zip)),
            "ResourceConflictException", "CreateFunction", message);

        var response = await Http.CreateFunctionAsync(LambdaHttp.CreateFunctionRequest(function, TestFunctions.NodeEcho, zip).ToJsonString());
        AssertError(response, HttpStatusCode.Conflict, "ResourceConflictException", message);

        // The original function is untouched.
        var configuration = (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", function)).Json;
        Assert.Equal(TestFunctions.ProvidedEcho.Runtime, configuration.GetProperty("Runtime").GetString());
    }

    private async Task<string> CreateEchoAsync(string name)
    {
        await Http.CreateFunctionAsync(name, TestFunctions.ProvidedEcho);
        return name;
    }

    /// <summary>A JSON string of exactly <paramref name="bytes"/> bytes.</summary>
    private static byte[] JsonString(int bytes) => Encoding.ASCII.GetBytes('"' + new string('a', bytes - 2) + '"');

    private static void AssertError(LambdaHttp.Response response, HttpStatusCode status, string errorType, string messageStart)
    {
        Assert.True(response.Status == status, $"expected {(int)status}, got {response}");
        Assert.Equal(errorType, response.ErrorType);
        Assert.StartsWith(messageStart, response.ErrorMessage, StringComparison.Ordinal);
    }
}
