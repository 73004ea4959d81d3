using Fulmen.Functions.Arns;

namespace Fulmen.Functions.Tests;

public sealed class FunctionReferenceTests
{
    [Theory]
    [InlineData("my-fn", "my-fn", null, null, null)]
    [InlineData("my-fn:$LATEST", "my-fn", "$LATEST", null, null)]
    [InlineData("123456789012:function:my-fn", "my-fn", null, null, "123456789012")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:my_fn:prod", "my_fn", "prod", "eu-west-1", "123456789012")]
    public void TryParse_NamesAndArns_SplitsIntoParts(string value, string name, string? qualifier, string? region, string? account)
    {
        Assert.True(FunctionReference.TryParse(value, out var reference));
        Assert.Equal(new FunctionReference(name, qualifier, region, account), reference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("arn:aws:lambda:us-east-1:123:function:short-account")]
    [InlineData("a-name-that-is-far-too-long-for-lambda-because-it-has-more-than-64-chars")]
    public void TryParse_InvalidNames_Fails(string value) => Assert.False(FunctionReference.TryParse(value, out _));
}
