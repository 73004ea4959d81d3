namespace Fulmen.Patterns.Tests;

/// <summary>Numbers compare as numbers in event-ruler's range (±5e9, six decimals), in any JSON spelling.</summary>
public sealed class NumericTests
{
    [Theory]
    [InlineData("[5]", "5.0", true)]
    [InlineData("[5]", "5e0", true)]
    [InlineData("[5]", "0.5E1", true)]
    [InlineData("[300]", "3.0e2", true)]
    [InlineData("[5]", "\"5\"", false)]
    [InlineData("[123456789012]", "123456789012", true)]
    [InlineData("[123456789012]", "123456789012.0", false)]
    [InlineData("[1e2]", "100", true)]
    [InlineData("""[{"numeric":["=",5]}]""", "5.000000", true)]
    [InlineData("""[{"numeric":[">",5]}]""", "5.000001", true)]
    [InlineData("""[{"numeric":[">",5]}]""", "5", false)]
    [InlineData("""[{"numeric":[">=",5]}]""", "5", true)]
    [InlineData("""[{"numeric":["<",-1.5]}]""", "-2", true)]
    [InlineData("""[{"numeric":["<=",-1.5]}]""", "-1.5", true)]
    [InlineData("""[{"numeric":[">",0,"<",1]}]""", "1E-1", true)]
    [InlineData("""[{"numeric":[">",0,"<",1]}]""", "1", false)]
    [InlineData("""[{"numeric":[">=",-5e9,"<=",5e9]}]""", "5000000000", true)]
    [InlineData("""[{"numeric":[">",0]}]""", "5000000001", false)]
    [InlineData("""[{"numeric":[">",0]}]""", "1e300", false)]
    [InlineData("""[{"numeric":[">",0]}]""", "\"7\"", false)]
    [InlineData("""[{"numeric":["=",0]}]""", "-0", true)]
    public void Number_AgainstValue(string matchers, string value, bool expected)
    {
        Assert.Equal(expected, Match.Of($$"""{"n":{{matchers}}}""", $$"""{"n":{{value}}}"""));
    }
}
