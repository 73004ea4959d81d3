namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Functions for the version and alias tests: fast native bootstraps that say what ran and where.</summary>
public static class VersionFunctions
{
    /// <summary>
    /// Answers <c>{"version":…,"mode":…,"pid":…,"arn":…}</c>: <c>AWS_LAMBDA_FUNCTION_VERSION</c>, the <c>MODE</c>
    /// variable, the environment's process id (the same while it stays warm) and the invoked function ARN.
    /// </summary>
    public static TestFunction Reporter { get; } = TestFunctions.Provided(TestFunctions.ShellBootstrap(
        """{\"version\":\"$AWS_LAMBDA_FUNCTION_VERSION\",\"mode\":\"${MODE:-none}\",\"pid\":$$,\"arn\":\"$ARN\"}""",
        """ARN="$(grep -i '^Lambda-Runtime-Invoked-Function-Arn:' "$HEADERS" | cut -d' ' -f2 | tr -d '\r')" """));
}
