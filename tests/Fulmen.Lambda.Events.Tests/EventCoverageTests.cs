namespace Fulmen.Lambda.Events.Tests;

public sealed class EventCoverageTests
{
    [Fact]
    public void EveryExampleEvent_HasAModel()
    {
        var covered = typeof(EventCases).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(EventCases)) && !t.IsAbstract)
            .SelectMany(t => ((EventCases)Activator.CreateInstance(t)!).Cases)
            .Select(c => c.Fixture)
            .ToHashSet(StringComparer.Ordinal);
        var examples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Events"), "*.json")
            .Select(Path.GetFileName)
            .ToList();
        Assert.True(examples.Count >= 50, $"only {examples.Count} example events found");
        Assert.Empty(examples.Where(e => !covered.Contains(e!)).Order());
    }

    [Fact]
    public void RoundTrip_RenamedMember_IsReported()
    {
        var difference = EventJson.FindDifference(
            System.Text.Json.Nodes.JsonNode.Parse("""{"a":{"eventTime":"2019-01-02T12:45:07.000Z","n":1.50}}"""),
            System.Text.Json.Nodes.JsonNode.Parse("""{"a":{"EventTime":"2019-01-02T12:45:07Z","n":1.5}}"""),
            "$");
        Assert.Equal("$.a.eventTime: expected \"2019-01-02T12:45:07.000Z\", got nothing", difference);
    }

    [Fact]
    public void RoundTrip_EquivalentTimestampAndNumber_AreEqual()
    {
        var difference = EventJson.FindDifference(
            System.Text.Json.Nodes.JsonNode.Parse("""{"t":"2019-01-02T12:45:07.000Z","n":1.50,"gone":null}"""),
            System.Text.Json.Nodes.JsonNode.Parse("""{"t":"2019-01-02T12:45:07Z","n":1.5}"""),
            "$");
        Assert.Null(difference);
    }
}
