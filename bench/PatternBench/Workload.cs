namespace Fulmen.PatternBench;

/// <summary>The events and patterns measured: an EventBridge EC2 state-change event (about 600 bytes) and a rule of
/// the shape AWS's examples use (source, detail-type, a list of states, a numeric range and a prefix).</summary>
internal static class Workload
{
    public const string TypicalPattern = """
        {"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],
         "detail":{"state":["running","stopped"],"cpu":[{"numeric":[">",0,"<=",64]}],"instance-id":[{"prefix":"i-"}]}}
        """;

    public static string Event(string detailType, string state) => $$$$"""
        {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"{{{{detailType}}}}",
         "source":"aws.ec2","account":"123456789012","time":"2026-12-06T06:00:00Z","region":"us-east-1",
         "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0"],
         "detail":{"instance-id":"i-1234567890abcdef0","state":"{{{{state}}}}","cpu":8,
                   "tags":[{"key":"team","value":"payments"},{"key":"env","value":"prod"}],
                   "launch":{"az":"us-east-1a","type":"m7g.large","ami":"ami-0abcdef1234567890"}}}
        """;

    public static readonly string Matching = Event("EC2 Instance State-change Notification", "running");

    public static readonly string NotMatching = Event("EC2 Instance State-change Notification", "pending");

    /// <summary>1,000 rules, one per detail-type, each with a numeric condition, as 1,000 rules on one bus.</summary>
    public static IEnumerable<string> ManyPatterns(int count) => Enumerable.Range(0, count).Select(i => $$$"""
        {"source":["aws.ec2"],"detail-type":["Type {{{i}}}"],"detail":{"cpu":[{"numeric":[">",{{{i % 8}}}]}]}}
        """);
}
