using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// No value elbv2 accepts can make a later request fail: values XML cannot carry are refused with AWS's
/// ValidationError, ids and enums are checked as AWS checks them, and a record stored with such characters
/// anyway (written into the database directly) still describes, before and after a restart.
/// </summary>
public sealed class LoadBalancerValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string PatternError = "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD]*";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task CreateLoadBalancer_ControlCharacterInAnyValue_ValidationErrorAndNothingStored()
    {
        (string[] Arguments, string Member)[] cases =
        [
            (["--name", "ctl-subnet", "--subnets", "subnet-aa\u0001bb"], "subnets.1.member"),
            (["--name", "ctl-group", "--subnets", "subnet-aaaa1111", "--security-groups", "sg-1234\u001f"], "securityGroups.1.member"),
            (["--name", "ctl-scheme", "--subnets", "subnet-aaaa1111", "--scheme", "internal\u0007"], "scheme"),
            (["--name", "ctl\u0008name", "--subnets", "subnet-aaaa1111"], "name"),
            (["--name", "ctl-mapping", "--subnet-mappings", """[{"SubnetId":"subnet-\u000b1"}]"""], "subnetMappings.1.member.subnetId"),
        ];
        foreach (var (arguments, member) in cases)
        {
            var result = await Aws.RunAsync(["elbv2", "create-load-balancer", .. arguments]);

            LambdaCli.AssertServiceError(result, "ValidationError", "CreateLoadBalancer", "1 validation error detected: Value '");
            Assert.Contains($"' at '{member}' failed to satisfy constraint: {PatternError}", result.StandardError, StringComparison.Ordinal);
        }

        var described = (await Aws.SucceedAsync("elbv2", "describe-load-balancers")).Json.GetProperty("LoadBalancers");
        Assert.DoesNotContain(described.EnumerateArray(), lb => lb.GetProperty("LoadBalancerName").GetString()!.StartsWith("ctl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateLoadBalancer_MalformedIdsAndEnums_AwsErrors()
    {
        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "create-load-balancer", "--name", "bad-scheme", "--subnets", "subnet-aaaa1111", "--scheme", "public"),
            "ValidationError", "CreateLoadBalancer",
            "1 validation error detected: Value 'public' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internet-facing, internal]");
        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "create-load-balancer", "--name", "bad-ip", "--subnets", "subnet-aaaa1111", "--ip-address-type", "ipv5"),
            "ValidationError", "CreateLoadBalancer",
            "1 validation error detected: Value 'ipv5' at 'ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack, dualstack-without-public-ipv4]");
        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "create-load-balancer", "--name", "bad-subnet", "--subnets", "my subnet"),
            "SubnetNotFound", "CreateLoadBalancer", "The subnet ID 'my subnet' is not valid");
        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "create-load-balancer", "--name", "bad-group", "--subnets", "subnet-aaaa1111", "--security-groups", "web"),
            "ValidationError", "CreateLoadBalancer", "Security group 'web' is not valid");

        var created = (await Aws.SucceedAsync("elbv2", "create-load-balancer", "--name", "good-ids", "--subnets", "subnet-aaaa1111",
            "--security-groups", "sg-0123abcd", "--scheme", "internal", "--ip-address-type", "dualstack")).Json.GetProperty("LoadBalancers")[0];
        Assert.Equal("internal", created.GetProperty("Scheme").GetString());
        Assert.Equal("dualstack", created.GetProperty("IpAddressType").GetString());
        Assert.Equal("sg-0123abcd", created.GetProperty("SecurityGroups")[0].GetString());
    }

    [Fact]
    public async Task OtherOperations_ControlCharacters_ValidationErrorThenDescribesSucceed()
    {
        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "create-target-group", "--name", "tg\u0001", "--target-type", "lambda"),
            "ValidationError", "CreateTargetGroup", "1 validation error detected: Value 'tg");
        var tg = (await Aws.SucceedAsync("elbv2", "create-target-group", "--name", "ctl-attrs-tg", "--target-type", "lambda")).Json
            .GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;
        var attributes = await Aws.RunAsync("elbv2", "modify-target-group-attributes", "--target-group-arn", tg,
            "--attributes", """[{"Key":"lambda.multi_value_headers.enabled","Value":"tr\u0002ue"}]""");
        LambdaCli.AssertServiceError(attributes, "ValidationError", "ModifyTargetGroupAttributes", "1 validation error detected: Value 'tr");
        Assert.Contains("at 'attributes.1.member.value'", attributes.StandardError, StringComparison.Ordinal);
        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "register-targets", "--target-group-arn", tg, "--targets", """[{"Id":"fn\u0003"}]"""),
            "ValidationError", "RegisterTargets", "1 validation error detected: Value 'fn");

        await Aws.SucceedAsync("elbv2", "describe-load-balancers");
        await Aws.SucceedAsync("elbv2", "describe-target-groups");
        var described = (await Aws.SucceedAsync("elbv2", "describe-target-group-attributes", "--target-group-arn", tg)).Json;
        Assert.Equal("false", described.GetProperty("Attributes")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task StoredRecordWithControlCharacters_DescribesWithReplacementCharacter_AlsoAfterRestart()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new LambdaCli(server).Aws;
        var lb = (await aws.SucceedAsync("elbv2", "create-load-balancer", "--name", "stored-ctl", "--subnets", "subnet-aaaa1111",
            "--security-groups", "sg-bbbb2222")).Json.GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerArn").GetString()!;
        await aws.SucceedAsync("elbv2", "create-target-group", "--name", "stored-ctl-tg", "--target-type", "lambda");
        await server.StopAsync();

        // As an older Fulmen stored them, before the edge refused such values: JSON carries them, XML cannot.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "fulmen.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE documents SET json = replace(replace(json, 'subnet-aaaa1111', 'subnet-\u0001\u001f'), 'sg-bbbb2222', 'sg-\uffff')
                WHERE collection = 'elbv2-loadbalancer';
                UPDATE documents SET json = replace(json, '"false"', '"fa\u0000lse"') WHERE collection = 'elbv2-targetgroup';
                """;
            Assert.Equal(2, await command.ExecuteNonQueryAsync());
        }
        await server.RestartAsync();

        var described = (await aws.SucceedAsync("elbv2", "describe-load-balancers", "--load-balancer-arns", lb)).Json.GetProperty("LoadBalancers")[0];
        Assert.Equal("subnet-\uFFFD\uFFFD", described.GetProperty("AvailabilityZones")[0].GetProperty("SubnetId").GetString());
        Assert.Equal("sg-\uFFFD", described.GetProperty("SecurityGroups")[0].GetString());
        var tg = (await aws.SucceedAsync("elbv2", "describe-target-groups", "--names", "stored-ctl-tg")).Json.GetProperty("TargetGroups")[0];
        var attributes = (await aws.SucceedAsync("elbv2", "describe-target-group-attributes", "--target-group-arn", tg.GetProperty("TargetGroupArn").GetString()!)).Json;
        Assert.Equal("fa\uFFFDlse", attributes.GetProperty("Attributes")[0].GetProperty("Value").GetString());
        await aws.SucceedAsync("elbv2", "describe-listeners", "--load-balancer-arn", lb);
        await aws.SucceedAsync("elbv2", "delete-load-balancer", "--load-balancer-arn", lb);
    }
}
