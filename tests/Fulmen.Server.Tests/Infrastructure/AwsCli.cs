using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Runs Debian's AWS CLI (<c>/usr/bin/aws</c>) against a test server with dummy credentials.</summary>
public sealed class AwsCli(FulmenServer server)
{
    public const string Executable = "/usr/bin/aws";

    /// <summary>The CLI's config file; /dev/null (no settings) unless a test needs one, such as <see cref="LambdaCli.Unvalidated"/>.</summary>
    public string ConfigFile { get; init; } = "/dev/null";

    /// <summary>The key pair the CLI signs with; test/test (the server's default credentials) unless a test says otherwise.</summary>
    public string AccessKey { get; init; } = "test";

    public string SecretKey { get; init; } = "test";

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public JsonElement Json => JsonDocument.Parse(StandardOutput).RootElement;
    }

    public async Task<Result> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = server.DataDirectory,
        };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(server.Endpoint);
        start.ArgumentList.Add("--region");
        start.ArgumentList.Add("us-east-1");
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_CONFIG_FILE"] = ConfigFile;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command that must succeed; a failure shows what the CLI printed.</summary>
    public async Task<Result> SucceedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (result.ExitCode != 0)
        {
            // The server's own output says why it answered as it did (an unhandled exception, a warning).
            var output = server.Output;
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.StandardError}{result.StandardOutput}"
                + $"\nServer output (last 4,000 characters):\n{output[Math.Max(0, output.Length - 4000)..]}");
        }
        return result;
    }

    public static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
