using Fulmen.Lambda.Core;

namespace Fulmen.Lambda.TestUtilities;

/// <summary>An <see cref="ILambdaContext"/> for unit tests: every member settable, logs captured by <see cref="TestLambdaLogger"/>.</summary>
public class TestLambdaContext : ILambdaContext
{
    public string AwsRequestId { get; set; } = Guid.NewGuid().ToString();

    public IClientContext? ClientContext { get; set; }

    public string FunctionName { get; set; } = "test-function";

    public string FunctionVersion { get; set; } = "$LATEST";

    public ICognitoIdentity? Identity { get; set; }

    public string InvokedFunctionArn { get; set; } = "arn:aws:lambda:us-east-1:000000000000:function:test-function";

    /// <summary>Captures everything the handler logs; read it back through <see cref="TestLambdaLogger.Buffer"/>.</summary>
    public ILambdaLogger Logger { get; set; } = new TestLambdaLogger();

    public string LogGroupName { get; set; } = "/aws/lambda/test-function";

    public string LogStreamName { get; set; } = "2026/01/01/[$LATEST]00000000000000000000000000000000";

    public int MemoryLimitInMB { get; set; } = 128;

    public TimeSpan RemainingTime { get; set; } = TimeSpan.FromSeconds(3);

    public string? TraceId { get; set; }
}

/// <summary>Client context for tests.</summary>
public class TestClientContext : IClientContext
{
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    public IClientApplication Client { get; set; } = new TestClientApplication();

    public IDictionary<string, string> Custom { get; set; } = new Dictionary<string, string>();
}

/// <summary>Client application for tests.</summary>
public class TestClientApplication : IClientApplication
{
    public string AppPackageName { get; set; } = "";

    public string AppTitle { get; set; } = "";

    public string AppVersionCode { get; set; } = "";

    public string AppVersionName { get; set; } = "";

    public string InstallationId { get; set; } = "";
}

/// <summary>Cognito identity for tests.</summary>
public class TestCognitoIdentity : ICognitoIdentity
{
    public string IdentityId { get; set; } = "";

    public string IdentityPoolId { get; set; } = "";
}
