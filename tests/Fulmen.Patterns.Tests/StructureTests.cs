namespace Fulmen.Patterns.Tests;

/// <summary>AND across fields, OR across values, event arrays, nesting and <c>$or</c>.</summary>
public sealed class StructureTests
{
    [Theory]
    [InlineData("""{"a":["x"]}""", """{"a":["y","x"]}""", true)]
    [InlineData("""{"a":["x"]}""", """{"a":["y","z"]}""", false)]
    [InlineData("""{"a":["x"]}""", """{"a":[["y"],["x"]]}""", true)]
    [InlineData("""{"a":{"b":["x"]}}""", """{"a":[{"b":"y"},{"b":"x"}]}""", true)]
    [InlineData("""{"a":{"b":["x"],"c":["y"]}}""", """{"a":[{"b":"x","c":"n"},{"b":"n","c":"y"}]}""", false)]
    [InlineData("""{"a":{"b":["x"],"c":["y"]}}""", """{"a":[{"b":"n"},{"b":"x","c":"y"}]}""", true)]
    [InlineData("""{"a":{"b":{"c":["x"]}}}""", """{"a":{"b":{"c":"x","d":1}}}""", true)]
    [InlineData("""{"a":{"b":{"c":["x"]}}}""", """{"a":{"b":"x"}}""", false)]
    [InlineData("""{"a":["x"]}""", """{"a":{"x":1}}""", false)]
    [InlineData("""{"a":["x"],"b":["y"]}""", """{"a":"x"}""", false)]
    [InlineData("""{"a":["x"],"a":["y"]}""", """{"a":"y"}""", true)]
    [InlineData("""{"a":["x"],"a":["y"]}""", """{"a":"x"}""", false)]
    [InlineData("""{"source":["s"],"$or":[{"a":["1"]},{"b":["2"]}]}""", """{"source":"s","b":"2"}""", true)]
    [InlineData("""{"source":["s"],"$or":[{"a":["1"]},{"b":["2"]}]}""", """{"source":"t","b":"2"}""", false)]
    [InlineData("""{"detail":{"$or":[{"c":[{"numeric":[">",0,"<=",5]}]},{"d":[{"numeric":["<",10]}]}]}}""", """{"detail":{"d":3}}""", true)]
    [InlineData("""{"detail":{"$or":[{"c":[{"numeric":[">",0,"<=",5]}]},{"d":[{"numeric":["<",10]}]}]}}""", """{"detail":{"c":30,"d":30}}""", false)]
    [InlineData("""{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]}""", """{"c":"3"}""", true)]
    [InlineData("""{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}""", """{"a":"1","d":"4"}""", true)]
    [InlineData("""{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}""", """{"a":"1"}""", false)]
    public void Pattern_AgainstEvent(string pattern, string @event, bool expected)
    {
        Assert.Equal(expected, Match.Of(pattern, @event));
    }
}
