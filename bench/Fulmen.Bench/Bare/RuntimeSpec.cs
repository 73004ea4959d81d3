using System.Globalization;

namespace Fulmen.Bench.Bare;

/// <summary>How the stand-in starts a runtime: the same program, arguments and variables Fulmen would give it.</summary>
internal sealed record RuntimeSpec(string FileName, IReadOnlyList<string> Arguments, string CodeDirectory, string Handler, IReadOnlyDictionary<string, string> Extra)
{
    public const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:bench";

    /// <summary>A <c>provided.al2023</c> function: <c>{codeDirectory}/bootstrap</c>.</summary>
    public static RuntimeSpec Provided(string codeDirectory) =>
        new(Path.Combine(codeDirectory, "bootstrap"), [], codeDirectory, "handler", new Dictionary<string, string>());

    /// <summary>A <c>nodejs20.x</c> function on Fulmen's bootstrap.js.</summary>
    public static RuntimeSpec NodeJs(string node, string bootstrapJs, string codeDirectory, string handler) =>
        new(node, [bootstrapJs], codeDirectory, handler, new Dictionary<string, string>
        {
            ["NODE_PATH"] = $"{codeDirectory}/node_modules",
            ["AWS_EXECUTION_ENV"] = "AWS_Lambda_nodejs20.x",
        });

    public Dictionary<string, string> Environment(int runtimeApiPort)
    {
        var variables = new Dictionary<string, string>(Extra, StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{runtimeApiPort.ToString(CultureInfo.InvariantCulture)}",
            ["_HANDLER"] = Handler,
            ["LAMBDA_TASK_ROOT"] = CodeDirectory,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "bench",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/bench",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "bench",
        };
        return variables;
    }
}
