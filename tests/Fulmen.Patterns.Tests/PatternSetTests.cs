using System.Text.Json;

namespace Fulmen.Patterns.Tests;

/// <summary>The indexed set returns exactly what matching each pattern alone would.</summary>
public sealed class PatternSetTests
{
    private static readonly string[] Patterns =
    [
        """{"source":["aws.ec2"]}""",
        """{"source":["aws.ec2","aws.s3"],"detail":{"state":["running"]}}""",
        """{"detail":{"state":["stopped"]}}""",
        """{"source":[{"prefix":"aws."}]}""",
        """{"$or":[{"source":["custom"]},{"detail-type":["X"]}]}""",
        """{"detail":{"items":{"id":["7"]}}}""",
        """{"missing":[{"exists":false}],"source":["aws.s3"]}""",
        """{"region":["10.0.0.1"]}""",
    ];

    private static readonly string[] Events =
    [
        """{"source":"aws.ec2","detail":{"state":"running"}}""",
        """{"source":"aws.s3","detail":{"state":"stopped"}}""",
        """{"source":"custom","detail-type":"Y"}""",
        """{"source":"other","detail-type":"X","detail":{"items":[{"id":"6"},{"id":"7"}]}}""",
        """{"source":["aws.s3","aws.ec2"],"missing":"here"}""",
        """{"source":"a\u0077s.ec2"}""",
        """{"region":"10.0.0.1"}""",
        """{}""",
    ];

    [Fact]
    public void Matching_EqualsEachPatternOnItsOwn()
    {
        var set = new PatternSet<int>();
        var compiled = Patterns.Select(p => EventPattern.Parse(p)).ToArray();
        for (var i = 0; i < compiled.Length; i++)
        {
            set.Add(i, compiled[i]);
        }
        foreach (var json in Events)
        {
            using var document = JsonDocument.Parse(json);
            var expected = Enumerable.Range(0, compiled.Length).Where(i => compiled[i].Matches(document.RootElement));
            Assert.Equal(expected, set.Matching(document.RootElement));
        }
    }

    [Fact]
    public void Matching_ManyPatterns_FindsOnlyTheirOwnEvents()
    {
        var set = new PatternSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            set.Add($"rule-{i}", EventPattern.Parse($$$"""{"detail-type":["type-{{{i}}}"],"detail":{"n":[{"numeric":[">",{{{i}}}]}]}}"""));
        }
        using var document = JsonDocument.Parse("""{"detail-type":"type-500","detail":{"n":501}}""");
        Assert.Equal(["rule-500"], set.Matching(document.RootElement));
        Assert.Equal(1000, set.Count);
    }
}
