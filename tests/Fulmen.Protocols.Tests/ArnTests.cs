using Fulmen.Protocols.Arns;

namespace Fulmen.Protocols.Tests;

public sealed class ArnTests
{
    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:000000000000:function:echo:live", "lambda", "us-east-1", "000000000000", "function:echo:live", "function")]
    [InlineData("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/0123456789abcdef", "elasticloadbalancing", "eu-west-1", "123456789012", "targetgroup/tg/0123456789abcdef", "targetgroup")]
    [InlineData("arn:aws:iam::000000000000:root", "iam", "", "000000000000", "root", "root")]
    [InlineData("arn:aws:s3:::bucket/key", "s3", "", "", "bucket/key", "bucket")]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123defg/prod/GET/items", "execute-api", "us-east-1", "000000000000", "abc123defg/prod/GET/items", "abc123defg")]
    public void TryParse_Arn_PartsAndSameTextBack(string text, string service, string region, string account, string resource, string type)
    {
        Assert.True(Arn.TryParse(text, out var arn));

        Assert.Equal(("aws", service, region, account, resource, type), (arn.Partition, arn.Service, arn.Region, arn.Account, arn.Resource, arn.ResourceType));
        Assert.Equal(text, arn.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("function:echo")]
    [InlineData("arn:aws:lambda")]
    [InlineData("arn::lambda:us-east-1:000000000000:function:x")]
    [InlineData("urn:aws:lambda:us-east-1:000000000000:function:x")]
    public void TryParse_NotAnArn_False(string? text)
    {
        Assert.False(Arn.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => Arn.Parse(text));
        }
    }

    [Fact]
    public void AwsAccount_Arn_TheServersRegionAndAccount()
    {
        var account = new AwsAccount { Region = "eu-central-1", AccountId = "123456789012" };

        Assert.Equal("arn:aws:lambda:eu-central-1:123456789012:function:f", account.Arn("lambda", "function:f").ToString());
    }
}
