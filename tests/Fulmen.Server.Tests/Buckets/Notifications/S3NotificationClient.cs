using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>What the notification tests do again and again: buckets, recording functions S3 may invoke, configurations.</summary>
internal sealed class S3NotificationClient(FulmenServer server, AwsCli aws, LambdaHttp http)
{
    public const string Account = "000000000000";

    public S3NotificationClient(ServerFixture fixture) : this(fixture.Server, fixture.Lambda.Aws, fixture.Http)
    {
    }

    public AwsCli Aws => aws;

    public static string FunctionArn(string name) => $"arn:aws:lambda:us-east-1:{Account}:function:{name}";

    public Task CreateBucketAsync(string bucket) => Aws.SucceedAsync("s3api", "create-bucket", "--bucket", bucket);

    /// <summary>A function that records every event it gets; with <paramref name="allowBucket"/>, S3 may invoke it for that bucket.</summary>
    public async Task<Recorder> RecordingFunctionAsync(string name, string? allowBucket)
    {
        var recorder = new Recorder(server, name);
        await http.CreateFunctionAsync(name, Recorder.DestinationFunction, recorder.Settings());
        if (allowBucket is not null)
        {
            await Aws.SucceedAsync("lambda", "add-permission", "--function-name", name, "--statement-id", "s3", "--action", "lambda:InvokeFunction",
                "--principal", "s3.amazonaws.com", "--source-arn", $"arn:aws:s3:::{allowBucket}", "--source-account", Account);
        }
        return recorder;
    }

    public Task<AwsCli.Result> PutConfigurationAsync(string bucket, string configuration) =>
        Aws.RunAsync("s3api", "put-bucket-notification-configuration", "--bucket", bucket, "--notification-configuration", configuration);

    public async Task PutObjectAsync(string bucket, string key, string content)
    {
        var file = Path.Combine(server.DataDirectory, $"body-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, content);
        await Aws.SucceedAsync("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file);
    }

    /// <summary>A CLI result for an assertion message (the record's own ToString would parse its output as JSON).</summary>
    public static string Show(AwsCli.Result result) => $"exit {result.ExitCode}\n{result.StandardError}{result.StandardOutput}";
}
