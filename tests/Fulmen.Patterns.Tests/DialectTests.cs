namespace Fulmen.Patterns.Tests;

/// <summary>What Lambda and SNS accept and how they word a refusal.</summary>
public sealed class DialectTests
{
    [Theory]
    [InlineData("""{"a":[]}""")]
    [InlineData("""{"a":[{"wildcard":"x*"}]}""")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/8"}]}""")]
    [InlineData("""{"a":[{"anything-but":{"prefix":"x"}}]}""")]
    [InlineData("""{"a":[{"anything-but":{"equals-ignore-case":"x"}}]}""")]
    [InlineData("""{"a":"x"}""")]
    public void LambdaFilter_Refused_WithLambdasMessage(string pattern)
    {
        var error = Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern, PatternDialect.LambdaFilter));
        Assert.Equal("Invalid filter pattern definition.", error.Message);
        Assert.NotEmpty(error.Reason);
    }

    [Theory]
    [InlineData("""{"body":{"Temp":[{"numeric":[">",40]}]},"attributes":{"SenderId":[{"prefix":"A"}]}}""", """{"attributes":{"SenderId":"AID1"},"body":{"Temp":41}}""")]
    [InlineData("""{"body":{"Name":[{"equals-ignore-case":"alice"}],"$or":[{"a":["1"]},{"b":[{"suffix":".png"}]}]}}""", """{"body":{"Name":"ALICE","b":"x.png"}}""")]
    [InlineData("""{"body":{"Weather":[{"anything-but":["Raining"]}],"Id":[{"exists":true}]}}""", """{"body":{"Weather":"Sunny","Id":null}}""")]
    [InlineData("""{"body":{"Region":[{"prefix":{"equals-ignore-case":"US-"}}]}}""", """{"body":{"Region":"us-east-1"}}""")]
    public void LambdaFilter_DocumentedOperators_Match(string pattern, string @event)
    {
        Assert.True(Match.Of(pattern, @event, PatternDialect.LambdaFilter));
    }

    [Fact]
    public void Sns_RefusesWildcard_AndPrefixesItsMessage()
    {
        var error = Assert.Throws<InvalidPatternException>(
            () => EventPattern.Parse("""{"a":[{"wildcard":"x*"}]}""", PatternDialect.SnsFilterPolicy));
        Assert.Equal("Invalid parameter: FilterPolicy: Unrecognized match type wildcard", error.Message);
    }

    [Fact]
    public void Sns_MoreThanFiveKeys_Refused()
    {
        const string pattern = """{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}""";
        var error = Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern, PatternDialect.SnsFilterPolicy));
        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys", error.Message);
        EventPattern.Parse(pattern);
    }

    [Fact]
    public void Sns_MoreThan150Combinations_Refused()
    {
        // 10 × 10 × 2 = 200 combinations.
        var ten = "[" + string.Join(',', Enumerable.Range(0, 10).Select(i => $"\"v{i}\"")) + "]";
        var pattern = $$"""{"a":{{ten}},"b":{{ten}},"c":["x","y"]}""";
        var error = Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern, PatternDialect.SnsFilterPolicy));
        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy is too complex", error.Message);
        EventPattern.Parse($$"""{"a":{{ten}},"b":{{ten}}}""", PatternDialect.SnsFilterPolicy);
    }
}
