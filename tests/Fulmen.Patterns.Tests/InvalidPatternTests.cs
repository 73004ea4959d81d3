namespace Fulmen.Patterns.Tests;

/// <summary>Patterns AWS refuses, with event-ruler's reason in EventBridge's message.</summary>
public sealed class InvalidPatternTests
{
    [Theory]
    [InlineData("[]", "Filter is not an object")]
    [InlineData("\"x\"", "Filter is not an object")]
    [InlineData("{}", "Empty objects are not allowed")]
    [InlineData("""{"a":{}}""", "Empty objects are not allowed")]
    [InlineData("""{"a":"x"}""", "\"a\" must be an object or an array")]
    [InlineData("""{"a":5}""", "\"a\" must be an object or an array")]
    [InlineData("""{"a":[]}""", "Empty arrays are not allowed")]
    [InlineData("""{"a":[["x"]]}""", "Match value must be String, number, true, false, or null")]
    [InlineData("""{"a":[{}]}""", "Match expression name not found")]
    [InlineData("""{"a":[{"contains":"x"}]}""", "Unrecognized match type contains")]
    [InlineData("""{"a":[{"prefix":"x","suffix":"y"}]}""", "Only one key allowed in match expression")]
    [InlineData("""{"a":[{"prefix":5}]}""", "prefix match pattern must be a string")]
    [InlineData("""{"a":[{"suffix":null}]}""", "suffix match pattern must be a string")]
    [InlineData("""{"a":[{"prefix":{"wildcard":"x"}}]}""", "Unsupported prefix pattern: wildcard")]
    [InlineData("""{"a":[{"suffix":{"equals-ignore-case":1}}]}""", "equals-ignore-case match pattern must be a string")]
    [InlineData("""{"a":[{"equals-ignore-case":["x"]}]}""", "equals-ignore-case match pattern must be a string")]
    [InlineData("""{"a":[{"exists":"yes"}]}""", "exists match pattern must be either true or false.")]
    [InlineData("""{"a":[{"numeric":5}]}""", "Value of numeric must be an array.")]
    [InlineData("""{"a":[{"numeric":[]}]}""", "Invalid member in numeric match: ]")]
    [InlineData("""{"a":[{"numeric":[5]}]}""", "Invalid member in numeric match: 5")]
    [InlineData("""{"a":[{"numeric":["!=",5]}]}""", "Unrecognized numeric range operator: !=")]
    [InlineData("""{"a":[{"numeric":["=","5"]}]}""", "Value of = must be numeric")]
    [InlineData("""{"a":[{"numeric":[">"]}]}""", "Value of > must be numeric")]
    [InlineData("""{"a":[{"numeric":["=",5,6]}]}""", "Too many elements in numeric expression")]
    [InlineData("""{"a":[{"numeric":["<",5,">",1]}]}""", "Too many elements in numeric expression")]
    [InlineData("""{"a":[{"numeric":[">",5,">",1]}]}""", "Bad numeric range operator: >")]
    [InlineData("""{"a":[{"numeric":[">",5,6]}]}""", "Bad value in numeric range: 6")]
    [InlineData("""{"a":[{"numeric":[">",5,"<",1]}]}""", "Bottom must be less than top")]
    [InlineData("""{"a":[{"numeric":[">=",5,"<=",5]}]}""", "Bottom must be less than top")]
    [InlineData("""{"a":[{"numeric":[">",0,"<",5,"<",6]}]}""", "Too many terms in numeric range expression")]
    [InlineData("""{"a":[{"numeric":[">",5000000001]}]}""", "Value must be between -5000000000 and 5000000000, inclusive")]
    [InlineData("""{"a":[{"numeric":["<",1e400]}]}""", "Value must be between -5000000000 and 5000000000, inclusive")]
    [InlineData("""{"a":[{"numeric":["=",0.1234567]}]}""", "Only values upto 6 decimals are supported")]
    [InlineData("""{"a":[{"anything-but":null}]}""", "Value of anything-but must be an array or single string/number value.")]
    [InlineData("""{"a":[{"anything-but":[true]}]}""", "Inside anything but list, start|null|boolean is not supported.")]
    [InlineData("""{"a":[{"anything-but":["x",1]}]}""", "Inside anything but list, either all values are number or string, mixed type is not supported")]
    [InlineData("""{"a":[{"anything-but":[]}]}""", "Inside anything but list, either all values are number or string, mixed type is not supported")]
    [InlineData("""{"a":[{"anything-but":{"numeric":[">",1]}}]}""", "Unsupported anything-but pattern: numeric")]
    [InlineData("""{"a":[{"anything-but":{}}]}""", "Anything-But expression name not found")]
    [InlineData("""{"a":[{"anything-but":{"prefix":""}}]}""", "Null prefix/suffix not allowed")]
    [InlineData("""{"a":[{"anything-but":{"prefix":5}}]}""", "prefix/suffix match pattern must be a string")]
    [InlineData("""{"a":[{"anything-but":{"equals-ignore-case":[5]}}]}""", "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.")]
    [InlineData("""{"a":[{"anything-but":{"wildcard":"a**"}}]}""", "Consecutive wildcard characters at pos 2")]
    [InlineData("""{"a":[{"anything-but":"x","prefix":"y"}]}""", "Too many elements in numeric expression")]
    [InlineData("""{"a":[{"wildcard":"ab**c"}]}""", "Consecutive wildcard characters at pos 3")]
    [InlineData("""{"a":[{"wildcard":"a\\b"}]}""", "Invalid escape character at pos 2")]
    [InlineData("""{"a":[{"wildcard":5}]}""", "wildcard match pattern must be a string")]
    [InlineData("""{"a":[{"cidr":5}]}""", "prefix match pattern must be a string")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0"}]}""", "Malformed CIDR, one '/' required")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/x"}]}""", "Malformed CIDR, mask bits must be an integer")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/-1"}]}""", "Malformed CIDR, mask bits must not be negative")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/32"}]}""", "IPv4 mask bits must be < 32")]
    [InlineData("""{"a":[{"cidr":"::/128"}]}""", "IPv6 mask bits must be < 128")]
    [InlineData("""{"a":[{"cidr":"10.0.0/8"}]}""", "Nonstandard IP address: 10.0.0")]
    [InlineData("""{"$or":{"a":["x"]}}""", "It must be an Array followed with $or.")]
    [InlineData("""{"$or":[{"a":["x"]}]}""", "There must have at least 2 Objects in $or relationship.")]
    [InlineData("""{"$or":[{"a":["x"]},"b"]}""", "Only JSON object is allowed in array of $or relationship.")]
    [InlineData("""{"$or":[{"a":["x"]},{"prefix":["b"]}]}""", "prefix is Ruler reserved fieldName which cannot be used inside $or.")]
    public void InvalidPattern_EventBridge_NamesTheReason(string pattern, string reason)
    {
        var error = Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern));
        Assert.Equal(reason, error.Reason);
        Assert.StartsWith("Event pattern is not valid. Reason: " + reason + "\n at [Source: (String)\"", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"a":["x"],}""")]
    [InlineData("""{"a":["x"] /* c */}""")]
    [InlineData("not json")]
    public void MalformedJson_IsInvalid(string pattern)
    {
        var error = Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern));
        Assert.StartsWith("Event pattern is not valid. Reason: ", error.Message);
    }

    [Fact]
    public void Message_CarriesJacksonsLocation()
    {
        // The pattern AWS's answer was reported for (a leaf that is not an array), as written in a file.
        var pattern = "{\n  \"detail-type\": [ \"Build Started\", \"Build Finished\" ],\n  \"detail\": {\n    \"pipeline\": {\n      \"slug\": \"some-pipeline\"\n    }\n  }\n}";
        var error = Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern));
        Assert.Equal(
            $"Event pattern is not valid. Reason: \"slug\" must be an object or an array\n at [Source: (String)\"{pattern}\"; line: 5, column: 16]",
            error.Message);
    }

    [Fact]
    public void LongSource_IsTruncatedInTheLocation()
    {
        var pattern = "{\"a\":[\"" + new string('x', 600) + "\"],\"b\":5}";
        var error = Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern));
        Assert.Contains($"\"[truncated {pattern.Length - 500} chars]; line: 1, column: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooDeep_IsInvalid()
    {
        var pattern = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "[1]" + new string('}', 100);
        Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern));
    }

    [Fact]
    public void TooLong_IsInvalid()
    {
        var pattern = "{\"a\":[\"" + new string('x', 4100) + "\"]}";
        Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern));
        Assert.Throws<InvalidPatternException>(() => EventPattern.Parse(pattern, PatternDialect.LambdaFilter));
        EventPattern.Parse(pattern, PatternDialect.SnsFilterPolicy);
    }
}
