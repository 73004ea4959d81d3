using System.Diagnostics;
using Fulmen.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// No input breaks Fulmen (docs/robustness.md): seeded malformed requests for every operation of every service and
/// every front, then the known-good set must still work and every List/Describe/Get still answer, before and after a
/// restart. The seed is printed; FULMEN_FUZZ_SEED and FULMEN_FUZZ_CASES replay a run, FULMEN_FUZZ_SECONDS lengthens it.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryOperationTheServerDeclares_HasASeed()
    {
        await using var server = await FulmenServer.StartAsync();
        var operations = await OperationInfo.FetchAsync(server);
        var resources = new FuzzResources("fz");
        var missing = operations.Where(o => OperationSeeds.For(o, resources, "", new Random(0)) is null).Select(o => o.Key).ToList();
        Assert.True(missing.Count == 0, $"operations the fuzz suite has no valid request for (add them to OperationSeeds):\n{string.Join('\n', missing)}");
        Assert.Equal(["apigateway", "apigatewayv2", "elbv2", "events", "lambda", "pipes", "scheduler", "sns", "sqs"], operations.Select(o => o.Service).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MalformedRequests_NeverA5xxOrAHang_AndEveryReadAndTriggerStillWorks()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"fuzz seed {settings.Seed} (FULMEN_FUZZ_SEED={settings.Seed} replays it)");
        await using var server = await FulmenServer.StartAsync("--verify-signatures");
        using var client = new FuzzClient(server);
        var world = new FuzzWorld(server, client);
        var good = new FuzzResources("good");
        var fuzzed = new FuzzResources("fz");
        await world.CreateAsync(good, strict: true, records: true);
        await world.ConfigureForReadsAsync(good);
        await world.CreateAsync(fuzzed, strict: true);
        var operations = await OperationInfo.FetchAsync(server);
        // The checks pass before the run, so a failure after it is the run's doing.
        var before = await world.ProblemsAsync(good);
        before.AddRange(await ReadProblemsAsync(client, operations, good, world));
        Assert.True(before.Count == 0, string.Join("\n\n", before));

        var failures = new List<string>();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var index = 0;
        for (; settings.Continues(index, clock.Elapsed); index++)
        {
            var random = settings.CaseRandom(index);
            if (index % 250 == 249)
            {
                await world.CreateAsync(fuzzed, strict: false);
            }
            var (kind, failure, description) = await RunCaseAsync(random, server, client, world, fuzzed, operations);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            if (failure is not null && failures.Count < 20)
            {
                failures.Add($"case {index}: {failure}\n{description}\n({settings.Replay(index)})");
            }
        }
        output.WriteLine($"{index} cases in {clock.Elapsed.TotalSeconds:0} s ({string.Join(", ", kinds.Select(k => $"{k.Value} {k.Key}"))}), {failures.Count} failed");

        var problems = new List<string>(failures);
        problems.AddRange(UnforeseenFailures(server.Output));
        problems.AddRange(await world.ProblemsAsync(good));
        problems.AddRange(await ReadProblemsAsync(client, operations, good, world));
        Assert.Equal(0, await server.StopAsync());
        await server.RestartAsync();
        problems.AddRange((await world.ProblemsAsync(good)).Select(p => $"after a restart: {p}"));
        problems.AddRange((await ReadProblemsAsync(client, operations, good, world)).Select(p => $"after a restart: {p}"));
        Assert.True(problems.Count == 0, $"fuzz seed {settings.Seed}, {index} cases:\n\n{string.Join("\n\n", problems)}");
    }

    private static async Task<(string Kind, string? Failure, string Description)> RunCaseAsync(
        Random random, FulmenServer server, FuzzClient client, FuzzWorld world, FuzzResources fuzzed, IReadOnlyList<OperationInfo> operations)
    {
        var pick = random.Next(100);
        if (pick < 6)
        {
            var raw = RawFraming.Generate(fuzzed, server.Port, random);
            var (status, text) = await RawFraming.SendAsync(raw);
            return ("raw framing", Verdict.JudgeRaw(raw, status, text), $"{raw.Label}\n→ {FuzzRequest.Shorten(text, 600)}");
        }
        FuzzRequest request;
        string kind;
        if (pick < 20)
        {
            (request, kind) = (FrontRequests.Generate(fuzzed, server.Port, random), "front");
        }
        else if (pick < 24 && RuntimeApiRequests.Ports(server, fuzzed.Function) is [_, ..] ports)
        {
            (request, kind) = (RuntimeApiRequests.Generate(ports[random.Next(ports.Count)], random), "Runtime API");
        }
        else
        {
            var operation = operations[random.Next(operations.Count)];
            var seed = OperationSeeds.For(operation, fuzzed, world.ZipBase64, random);
            if (seed is null)
            {
                return ("unseeded", null, "");
            }
            (request, kind) = (RequestGenerator.Generate(operation, seed, random), operation.Service);
        }
        var response = await client.SendAsync(request);
        return (kind, Verdict.Judge(request, response), $"{request}\n{response?.ToString() ?? "(no answer)"}");
    }

    /// <summary>Every List/Describe/Get of every service, asked validly about the good set: each must answer 200.</summary>
    private static async Task<List<string>> ReadProblemsAsync(FuzzClient client, IReadOnlyList<OperationInfo> operations, FuzzResources good, FuzzWorld world)
    {
        var problems = new List<string>();
        foreach (var operation in operations.Where(o => o.IsRead && o.Method is "GET" or null))
        {
            var seed = OperationSeeds.For(operation, good, world.ZipBase64, new CanonicalChoices())!;
            var request = RequestGenerator.Valid(operation, seed);
            var response = await client.SendAsync(request);
            if (response?.Status != 200)
            {
                problems.Add($"{operation.Key} no longer answers:\n{request}\n{response?.ToString() ?? "(no answer)"}");
            }
        }
        return problems;
    }

    /// <summary>What the server logged as an exception nobody handled: the edge's last resort, or Kestrel's own.</summary>
    private static IEnumerable<string> UnforeseenFailures(string log) =>
        log.Split('\n').Select((line, i) => (line, i))
            .Where(l => l.line.Contains("Unexpected failure answering", StringComparison.Ordinal)
                || l.line.Contains("An unhandled exception was thrown by the application", StringComparison.Ordinal))
            .Take(10)
            .Select(l => "logged: " + string.Join('\n', log.Split('\n').Skip(l.i).Take(12)));

    /// <summary>Seeds' random choices always taking the last option: the good set's own names (its function, alias, stage).</summary>
    private sealed class CanonicalChoices : Random
    {
        public override int Next(int maxValue) => maxValue - 1;
    }
}
