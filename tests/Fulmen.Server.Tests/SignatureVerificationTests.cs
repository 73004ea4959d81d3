using System.Net;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// <c>--verify-signatures</c>: requests signed by the AWS CLI, AWS's JavaScript SDK and AWSSDK.Core with a configured
/// key are accepted; unsigned, wrong-secret, unknown-key, skewed and expired-presigned ones get each protocol's error,
/// and nothing they asked for runs.
/// </summary>
public sealed class SignatureVerificationTests(SignedServerFixture fixture) : IClassFixture<SignedServerFixture>
{
    private FulmenServer Server => fixture.Server;

    [Fact]
    public async Task AwsCli_ConfiguredKey_AcceptedByLambdaElbv2AndApiGateway()
    {
        await fixture.CreateEchoAsync("cli-accepted");

        await fixture.Cli.SucceedAsync("lambda", "list-functions");
        var invoked = await fixture.Cli.SucceedAsync("lambda", "invoke", "--function-name", "cli-accepted", "--cli-binary-format", "raw-in-base64-out",
            "--payload", """{"n":1}""", Path.Combine(Server.DataDirectory, "cli-accepted.out"));
        Assert.Equal(200, invoked.Json.GetProperty("StatusCode").GetInt32());
        await fixture.Cli.SucceedAsync("elbv2", "describe-load-balancers");
        await fixture.Cli.SucceedAsync("apigatewayv2", "get-apis");
    }

    [Fact]
    public async Task AwsCli_WrongSecretUnknownKeyOrUnsigned_EachProtocolsError()
    {
        var wrong = fixture.CliWith(SignedServerFixture.AccessKey, "not-the-secret");
        var unknown = fixture.CliWith("AKIDUNKNOWN", SignedServerFixture.SecretKey);

        AssertRefused(await wrong.RunAsync("lambda", "list-functions"), "InvalidSignatureException", "ListFunctions",
            "The request signature we calculated does not match the signature you provided.");
        AssertRefused(await wrong.RunAsync("elbv2", "describe-load-balancers"), "SignatureDoesNotMatch", "DescribeLoadBalancers",
            "The request signature we calculated does not match the signature you provided.");
        AssertRefused(await wrong.RunAsync("apigatewayv2", "get-apis"), "InvalidSignatureException", "GetApis",
            "The request signature we calculated does not match the signature you provided.");

        AssertRefused(await unknown.RunAsync("lambda", "list-functions"), "UnrecognizedClientException", "ListFunctions",
            "The security token included in the request is invalid.");
        AssertRefused(await unknown.RunAsync("elbv2", "describe-load-balancers"), "InvalidClientTokenId", "DescribeLoadBalancers",
            "The security token included in the request is invalid.");

        AssertRefused(await fixture.Cli.RunAsync("--no-sign-request", "lambda", "list-functions"), "MissingAuthenticationTokenException", "ListFunctions",
            "Missing Authentication Token");
        AssertRefused(await fixture.Cli.RunAsync("--no-sign-request", "elbv2", "describe-load-balancers"), "MissingAuthenticationToken", "DescribeLoadBalancers",
            "Request is missing Authentication Token");
        AssertRefused(await fixture.Cli.RunAsync("--no-sign-request", "apigatewayv2", "get-apis"), "MissingAuthenticationTokenException", "GetApis",
            "Missing Authentication Token");
    }

    [Fact]
    public async Task Refused_InvokeAndCreateFunction_NothingRuns()
    {
        var records = await fixture.CreateEchoAsync("not-run");
        var wrong = fixture.CliWith(SignedServerFixture.AccessKey, "not-the-secret");

        AssertRefused(await wrong.RunAsync("lambda", "invoke", "--function-name", "not-run", "--cli-binary-format", "raw-in-base64-out",
            "--payload", "{}", Path.Combine(Server.DataDirectory, "not-run.out")), "InvalidSignatureException", "Invoke", "The request signature");
        AssertRefused(await fixture.Cli.RunAsync("--no-sign-request", "lambda", "invoke", "--function-name", "not-run", "--cli-binary-format", "raw-in-base64-out",
            "--payload", "{}", Path.Combine(Server.DataDirectory, "not-run.out")), "MissingAuthenticationTokenException", "Invoke", "Missing Authentication Token");
        Assert.Equal(0, EchoFunctions.Runs(records));
        var streams = await fixture.Http.GetAsync("/_fulmen/logs/not-run");
        Assert.Empty(streams.Json.GetProperty("logStreams").EnumerateArray());

        var zip = TestFunctions.NodeEcho.Zip(Server, "never-created");
        AssertRefused(await wrong.RunAsync(LambdaCli.CreateArguments("never-created", TestFunctions.NodeEcho, zip)), "InvalidSignatureException", "CreateFunction", "The request signature");
        LambdaCli.AssertServiceError(await fixture.Cli.RunAsync("lambda", "get-function", "--function-name", "never-created"),
            "ResourceNotFoundException", "GetFunction", "Function not found");
    }

    [Fact]
    public async Task AwsSdkForJavaScript_KeyAcceptedSkewedClockAndWrongSecretRefused()
    {
        var result = await Processes.RunAsync(new System.Diagnostics.ProcessStartInfo("node", ["--test", "sdk-signatures.test.mjs"])
        {
            WorkingDirectory = Path.Combine(FulmenServer.RepositoryRoot, "tests", "js"),
            Environment =
            {
                ["FULMEN_ENDPOINT"] = Server.Endpoint,
                ["FULMEN_ACCESS_KEY"] = SignedServerFixture.AccessKey,
                ["FULMEN_SECRET_KEY"] = SignedServerFixture.SecretKey,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
        }, TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, $"{result}\nserver:\n{Server.Output}");
        Assert.Contains("# pass 4", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsSdkForDotnet_SignedAndPresignedAccepted_SkewedAndExpiredRefused()
    {
        await fixture.CreateEchoAsync("dotnet-signed");
        using var http = new HttpClient();
        var now = DateTime.UtcNow;

        using var listed = await SendSignedAsync(http, HttpMethod.Get, "/2015-03-31/functions", null, now);
        Assert.True(listed.StatusCode == HttpStatusCode.OK, await listed.Content.ReadAsStringAsync());
        using var invoked = await SendSignedAsync(http, HttpMethod.Post, "/2015-03-31/functions/dotnet-signed/invocations", """{"n":2}""", now);
        Assert.True(invoked.StatusCode == HttpStatusCode.OK, await invoked.Content.ReadAsStringAsync());
        Assert.Equal(2, JsonDocument.Parse(await invoked.Content.ReadAsStringAsync()).RootElement.GetProperty("n").GetInt32());

        using var skewed = await SendSignedAsync(http, HttpMethod.Get, "/2015-03-31/functions", null, now.AddHours(-1));
        await AssertErrorAsync(skewed, "InvalidSignatureException", "Signature expired: ");

        using var presigned = await http.GetAsync(Presign("/2015-03-31/functions/dotnet-signed", now, TimeSpan.FromMinutes(5)));
        Assert.True(presigned.StatusCode == HttpStatusCode.OK, await presigned.Content.ReadAsStringAsync());
        Assert.Equal("dotnet-signed", JsonDocument.Parse(await presigned.Content.ReadAsStringAsync()).RootElement.GetProperty("Configuration").GetProperty("FunctionName").GetString());

        using var expired = await http.GetAsync(Presign("/2015-03-31/functions/dotnet-signed", now.AddMinutes(-10), TimeSpan.FromSeconds(60)));
        await AssertErrorAsync(expired, "InvalidSignatureException", "Signature expired: ");
    }

    [Fact]
    public async Task PublicFrontsAndOwnEndpoints_AnswerUnsigned_FulmenCommandsSign()
    {
        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri($"{Server.Endpoint}/_fulmen/health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var metrics = await http.GetAsync(new Uri($"{Server.Endpoint}/metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);

        await fixture.CreateEchoAsync("url-public");
        var url = (await fixture.Cli.SucceedAsync("lambda", "create-function-url-config", "--function-name", "url-public", "--auth-type", "NONE")).Json
            .GetProperty("FunctionUrl").GetString()!;
        var served = await Curl.AtAsync(Server, $"{url}hello");
        Assert.True(served.Status == 200, served.ToString());

        var start = FulmenCli.Command("invoke", "url-public", "--payload", """{"k":"v"}""", "--endpoint-url", Server.Endpoint);
        start.Environment["AWS_ACCESS_KEY_ID"] = SignedServerFixture.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SignedServerFixture.SecretKey;
        var invoked = await Processes.RunAsync(start, TimeSpan.FromMinutes(2));
        Assert.True(invoked.ExitCode == 0, invoked.ToString());
        Assert.Contains("\"k\":\"v\"", invoked.StandardOutput, StringComparison.Ordinal);

        var withFile = FulmenCli.Command("functions", "--endpoint-url", Server.Endpoint);
        withFile.Environment["FULMEN_CREDENTIALS"] = fixture.CredentialsFile;
        withFile.Environment.Remove("AWS_ACCESS_KEY_ID");
        withFile.Environment.Remove("AWS_SECRET_ACCESS_KEY");
        var listed = await Processes.RunAsync(withFile, TimeSpan.FromMinutes(2));
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("url-public", listed.StandardOutput, StringComparison.Ordinal);

        var unsigned = FulmenCli.Command("functions", "--endpoint-url", Server.Endpoint);
        unsigned.Environment["AWS_ACCESS_KEY_ID"] = SignedServerFixture.AccessKey;
        unsigned.Environment["AWS_SECRET_ACCESS_KEY"] = "not-the-secret";
        var refused = await Processes.RunAsync(unsigned, TimeSpan.FromMinutes(2));
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("fulmen: InvalidSignatureException: The request signature we calculated", refused.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsFile_MissingOrKeyless_OneLineExit1()
    {
        var missing = await FulmenCli.RunAsync("serve", "--port", "0", "--data-dir", Path.Combine(Server.DataDirectory, "never"), "--credentials", "/nonexistent/credentials");
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("fulmen: cannot read the credentials file /nonexistent/credentials", missing.StandardError, StringComparison.Ordinal);

        var keyless = Path.Combine(Server.DataDirectory, "keyless");
        await File.WriteAllTextAsync(keyless, "[default]\nregion = us-east-1\n");
        var empty = await FulmenCli.RunAsync("serve", "--port", "0", "--data-dir", Path.Combine(Server.DataDirectory, "never"), "--credentials", keyless);
        Assert.Equal(1, empty.ExitCode);
        Assert.Equal($"fulmen: the credentials file {keyless} has no profile with both aws_access_key_id and aws_secret_access_key.", empty.StandardError.Trim());
    }

    private async Task<HttpResponseMessage> SendSignedAsync(HttpClient http, HttpMethod method, string path, string? body, DateTime signedAt)
    {
        var uri = new Uri(Server.Endpoint + path);
        var content = body is null ? null : Encoding.UTF8.GetBytes(body);
        var signed = AWSSigV4Signer.Sign(new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = content }, Parameters(signedAt));
        using var request = new HttpRequestMessage(method, uri) { Content = content is null ? null : new ByteArrayContent(content) };
        foreach (var (name, value) in signed.Headers)
        {
            if (!name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await http.SendAsync(request);
    }

    private Uri Presign(string path, DateTime signedAt, TimeSpan expiry) =>
        AWSSigV4Signer.Presign(new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = new Uri(Server.Endpoint + path) }, Parameters(signedAt), expiry).Uri;

    private static AWSSigV4Parameters Parameters(DateTime signedAt) => new()
    {
        Credentials = new BasicAWSCredentials(SignedServerFixture.AccessKey, SignedServerFixture.SecretKey),
        Region = RegionEndpoint.USEast1,
        Service = "lambda",
        SignedAt = signedAt,
        SignPayload = true,
    };

    private static async Task AssertErrorAsync(HttpResponseMessage response, string errorType, string messageStart)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.StatusCode}: {body}");
        Assert.Equal(errorType, response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.StartsWith(messageStart, JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The CLI's service error (exit 254, AWS's error line); the CLI reports a refused signature as any other error.</summary>
    private static void AssertRefused(AwsCli.Result result, string errorCode, string operation, string messageStart) =>
        LambdaCli.AssertServiceError(result, errorCode, operation, messageStart);
}

/// <summary>A server started with <c>--verify-signatures --credentials FILE</c>, the file holding one key pair.</summary>
public sealed class SignedServerFixture : IAsyncLifetime
{
    public const string AccessKey = "AKIAFULMENSIGNED";
    public const string SecretKey = "fulmen/Signed+Secret/Key";

    private readonly string _directory = Directory.CreateTempSubdirectory("fulmen-credentials-").FullName;
    private FulmenServer? _server;
    private LambdaHttp? _http;

    public string CredentialsFile => Path.Combine(_directory, "credentials");
    public FulmenServer Server => _server ?? throw new InvalidOperationException("The server is not started.");
    public LambdaHttp Http => _http ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>The AWS CLI with the configured key.</summary>
    public AwsCli Cli => CliWith(AccessKey, SecretKey);

    public AwsCli CliWith(string accessKey, string secretKey) => new(Server) { AccessKey = accessKey, SecretKey = secretKey };

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(CredentialsFile, $"[default]\naws_access_key_id = {AccessKey}\naws_secret_access_key = {SecretKey}\n");
        _server = await FulmenServer.StartAsync("--verify-signatures", "--credentials", CredentialsFile);
        _http = new LambdaHttp(_server);
    }

    /// <summary>A Node.js function that marks each run (<see cref="EchoFunctions"/>) and answers with its event; returns the marks' directory.</summary>
    public async Task<string> CreateEchoAsync(string name)
    {
        var records = Directory.CreateDirectory(Path.Combine(Server.DataDirectory, $"records-{name}")).FullName;
        var function = EchoFunctions.Node("  return event;");
        await Cli.SucceedAsync(LambdaCli.CreateArguments(name, function, function.Zip(Server, name),
            "--environment", JsonSerializer.Serialize(new { Variables = new { RECORD_DIR = records } })));
        return records;
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }
}
