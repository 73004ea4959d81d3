using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fulmen.PatternBench;
using Fulmen.Patterns;

// PatternBench [--seconds S]
//   Matches events against one compiled pattern and against 1,000 patterns (one by one and through PatternSet), each
//   phase for S seconds (default 2) on this thread, and prints a Markdown table: events/s and bytes allocated per event.
var seconds = args.Length >= 2 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2.0;

var typical = EventPattern.Parse(Workload.TypicalPattern);
using var matching = JsonDocument.Parse(Workload.Matching);
using var notMatching = JsonDocument.Parse(Workload.NotMatching);
var matchingBytes = Encoding.UTF8.GetBytes(Workload.Matching);
var many = Workload.ManyPatterns(1000).Select(p => EventPattern.Parse(p)).ToArray();
var set = new PatternSet<int>();
for (var i = 0; i < many.Length; i++)
{
    set.Add(i, many[i]);
}
using var manyEvent = JsonDocument.Parse(Workload.Event("Type 500", "running"));
var found = new List<int>();

Console.WriteLine($"| Case | Events/s | Bytes allocated per event |");
Console.WriteLine($"|---|---:|---:|");
Measure("1 pattern, JsonElement, matches", () => typical.Matches(matching.RootElement));
Measure("1 pattern, JsonElement, no match (3rd field)", () => !typical.Matches(notMatching.RootElement));
Measure("1 pattern, UTF-8 bytes (parse + match)", () => typical.Matches(matchingBytes));
Measure("parse event + 1 pattern (JsonDocument.Parse)", () =>
{
    using var document = JsonDocument.Parse(Workload.Matching);
    return typical.Matches(document.RootElement);
});
Measure("1,000 patterns, each tried in turn", () =>
{
    var hits = 0;
    foreach (var pattern in many)
    {
        hits += pattern.Matches(manyEvent.RootElement) ? 1 : 0;
    }
    return hits == 1;
});
Measure("1,000 patterns, PatternSet.MatchInto", () =>
{
    found.Clear();
    set.MatchInto(manyEvent.RootElement, found);
    return found.Count == 1;
});
Measure("parse 1 pattern (compile)", () => EventPattern.Parse(Workload.TypicalPattern) is not null);
return 0;

void Measure(string name, Func<bool> body)
{
    // Warm up (tiered JIT, PGO), then count whole iterations for the fixed time.
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed.TotalSeconds < Math.Min(1, seconds / 2))
    {
        Check(body());
    }
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    long count = 0;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < 256; i++)
        {
            Check(body());
        }
        count += 256;
    }
    var elapsed = clock.Elapsed.TotalSeconds;
    var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {count / elapsed:N0} | {(double)allocated / count:N1} |"));
}

static void Check(bool ok)
{
    if (!ok)
    {
        throw new InvalidOperationException("The benchmark's pattern answered differently than expected.");
    }
}
