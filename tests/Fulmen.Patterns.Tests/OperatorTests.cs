namespace Fulmen.Patterns.Tests;

/// <summary>Each operator on its own, including the value types it ignores.</summary>
public sealed class OperatorTests
{
    [Theory]
    [InlineData("""["a"]""", "\"a\"", true)]
    [InlineData("""["a"]""", "\"A\"", false)]
    [InlineData("""["a"]""", "\"\\u0061\"", true)]
    [InlineData("""["5"]""", "5", false)]
    [InlineData("""[true]""", "true", true)]
    [InlineData("""[true]""", "\"true\"", false)]
    [InlineData("""[false]""", "false", true)]
    [InlineData("""[null]""", "null", true)]
    [InlineData("""[null]""", "\"null\"", false)]
    [InlineData("""[{"prefix":"ab"}]""", "\"abc\"", true)]
    [InlineData("""[{"prefix":"ab"}]""", "\"xabc\"", false)]
    [InlineData("""[{"prefix":""}]""", "\"\"", true)]
    [InlineData("""[{"prefix":"1"}]""", "12", false)]
    [InlineData("""[{"suffix":"bc"}]""", "\"abc\"", true)]
    [InlineData("""[{"suffix":"bc"}]""", "\"abcd\"", false)]
    [InlineData("""[{"prefix":{"equals-ignore-case":"AB"}}]""", "\"abc\"", true)]
    [InlineData("""[{"suffix":{"equals-ignore-case":"ÉTÉ"}}]""", "\"l'été\"", true)]
    [InlineData("""[{"equals-ignore-case":"Hello"}]""", "\"hELLO\"", true)]
    [InlineData("""[{"equals-ignore-case":"Hello"}]""", "\"hELLO!\"", false)]
    [InlineData("""[{"wildcard":"*"}]""", "\"anything\"", true)]
    [InlineData("""[{"wildcard":"*"}]""", "\"\"", true)]
    [InlineData("""[{"wildcard":"a*"}]""", "\"a\"", true)]
    [InlineData("""[{"wildcard":"a*a"}]""", "\"a\"", false)]
    [InlineData("""[{"wildcard":"a*a"}]""", "\"aa\"", true)]
    [InlineData("""[{"wildcard":"*a*b*"}]""", "\"xxaxxbxx\"", true)]
    [InlineData("""[{"wildcard":"*a*b*"}]""", "\"xxbxxaxx\"", false)]
    [InlineData("""[{"wildcard":"a\\*b"}]""", "\"a*b\"", true)]
    [InlineData("""[{"wildcard":"a\\*b"}]""", "\"axb\"", false)]
    [InlineData("""[{"wildcard":"a\\\\b"}]""", "\"a\\\\b\"", true)]
    [InlineData("""[{"wildcard":"abc"}]""", "\"abc\"", true)]
    [InlineData("""[{"wildcard":"abc"}]""", "\"abcd\"", false)]
    [InlineData("""[{"anything-but":"a"}]""", "\"b\"", true)]
    [InlineData("""[{"anything-but":"a"}]""", "\"a\"", false)]
    [InlineData("""[{"anything-but":"a"}]""", "5", true)]
    [InlineData("""[{"anything-but":"a"}]""", "null", true)]
    [InlineData("""[{"anything-but":5}]""", "5.0", false)]
    [InlineData("""[{"anything-but":5}]""", "6", true)]
    [InlineData("""[{"anything-but":5}]""", "\"6\"", false)]
    [InlineData("""[{"anything-but":{"prefix":"us-"}}]""", "7", true)]
    [InlineData("""[{"anything-but":{"suffix":[".png",".jpg"]}}]""", "\"a.jpg\"", false)]
    [InlineData("""[{"anything-but":{"equals-ignore-case":["A","B"]}}]""", "\"b\"", false)]
    [InlineData("""[{"anything-but":{"equals-ignore-case":["A","B"]}}]""", "\"c\"", true)]
    [InlineData("""[{"exists":true}]""", "null", true)]
    [InlineData("""[{"exists":true}]""", "[]", false)]
    [InlineData("""[{"exists":true}]""", "{\"a\":1}", false)]
    [InlineData("""[{"exists":false}]""", "[]", true)]
    [InlineData("""[{"exists":false}]""", "5", false)]
    [InlineData("""["x",{"exists":false}]""", "\"x\"", true)]
    public void Operator_OnValue(string matchers, string value, bool expected)
    {
        Assert.Equal(expected, Match.Of($$"""{"f":{{matchers}}}""", $$"""{"f":{{value}}}"""));
    }

    [Theory]
    [InlineData("""[{"anything-but":"a"}]""")]
    [InlineData("""[{"prefix":""}]""")]
    [InlineData("""[{"exists":true}]""")]
    [InlineData("""[{"numeric":[">",0]}]""")]
    public void Operator_FieldAbsent_DoesNotMatch(string matchers)
    {
        Assert.False(Match.Of($$"""{"f":{{matchers}}}""", """{"g":"a"}"""));
    }

    [Fact]
    public void EscapedEventStrings_AreComparedUnescaped()
    {
        Assert.True(Match.Of("""{"f":[{"prefix":"ab"}]}""", """{"f":"\u0061bc"}"""));
        Assert.True(Match.Of("""{"f":[{"wildcard":"a*\"q\""}]}""", """{"f":"ab\"q\""}"""));
        Assert.True(Match.Of("""{"f":[{"cidr":"10.0.0.0/8"}]}""", """{"f":"10.0.0.\u0031"}"""));
    }

    [Fact]
    public void LongStrings_IgnoreCase_Compare()
    {
        var text = new string('a', 1000);
        Assert.True(Match.Of($$"""{"f":[{"equals-ignore-case":"{{text.ToUpperInvariant()}}"}]}""", $$"""{"f":"{{text}}"}"""));
        Assert.False(Match.Of($$"""{"f":[{"equals-ignore-case":"{{text}}b"}]}""", $$"""{"f":"{{text}}"}"""));
    }

    [Fact]
    public void ExistsFalse_NestedParentAbsent_Matches()
    {
        Assert.True(Match.Of("""{"a":{"b":[{"exists":false}]}}""", """{"c":1}"""));
        Assert.True(Match.Of("""{"a":{"b":[{"exists":false}]}}""", """{"a":"leaf"}"""));
        Assert.False(Match.Of("""{"a":{"b":[{"exists":false}]}}""", """{"a":{"b":"x"}}"""));
    }

    [Fact]
    public void PatternIpString_MatchesOtherSpellingsOfTheAddress()
    {
        Assert.True(Match.Of("""{"ip":["::1"]}""", """{"ip":"0:0:0:0:0:0:0:1"}"""));
        Assert.True(Match.Of("""{"ip":["10.0.0.1"]}""", """{"ip":"10.0.0.1"}"""));
        Assert.False(Match.Of("""{"ip":["10.0.0.1"]}""", """{"ip":"10.0.0.2"}"""));
    }

    [Fact]
    public void NonObjectEventOrNonJsonText_DoesNotMatch()
    {
        var pattern = EventPattern.Parse("""{"a":[{"exists":false}]}""");
        Assert.False(pattern.Matches("not json"u8));
        Assert.False(pattern.Matches("{\"a\":"u8));
        Assert.False(pattern.Matches(""u8));
        Assert.False(pattern.Matches("[1]"u8));
        Assert.True(pattern.Matches("{}"u8));
    }
}
