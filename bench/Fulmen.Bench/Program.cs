using System.Globalization;
using System.Text.Json;
using Fulmen.Bench;
using Fulmen.Bench.Async;
using Fulmen.Bench.Bare;
using Fulmen.Bench.DotnetCold;
using Fulmen.Bench.ScriptCold;
using Fulmen.Bench.Buckets;
using Fulmen.Bench.Events;
using Fulmen.Bench.Topics;
using Fulmen.Bench.HttpTrigger;
using Fulmen.Bench.Queues;
using Fulmen.Bench.RuntimeClients;
using Fulmen.Bench.Schedules;

// Fulmen.Bench run --server-dir DIR --bootstrap FILE --node-function DIR --work-dir DIR [--calibrate FILE] [--quick] [--runtimes provided,nodejs] [--concurrency N] [--async]
//   Benchmarks Fulmen (the release build in --server-dir) against the bare Runtime API loop; prints
//   Markdown tables and writes results.md / results.json into --work-dir. bench/run.sh prepares all of it.
//   With --async it benchmarks asynchronous invocation instead (durable enqueue, dispatch of a backlog)
//   and writes async-results.md / async-results.json.
// Fulmen.Bench run --http-trigger --server-dir DIR --work-dir DIR --offline-dir DIR [--quick]
//   The Node.js hello-world behind a Fulmen function URL and behind serverless-offline (installed with its
//   handler in --offline-dir), both under wrk; writes http-trigger-results.md / .json.
// Fulmen.Bench run --dotnet-cold-start --server-dir DIR --work-dir DIR --dotnet-function DIR [--bootstrap FILE] [--calibrate FILE] [--quick] [--dotnet-phases bare,hostcpu,nopool,pool]
//   C# cold starts of the published no-op in --dotnet-function (bench/functions/dotnet-noop): the host bare against the
//   stand-in, then Fulmen without and with pre-started .NET hosts, then warm invokes (with the provided.al2023 no-op
//   from --bootstrap beside them); writes dotnet-cold-start-results.md / .json. --dotnet-phases runs only some of them
//   (to measure a modified server in --server-dir, docs/benchmarks.md "C# cold start").
// Fulmen.Bench run --script-cold-start --server-dir DIR --work-dir DIR [--calibrate FILE] [--quick]
//   Node.js and Python cold starts: each handler module's own load timed by the runtime in a fresh process, then the first
//   invoke through Fulmen without and with pre-started runtimes; writes script-cold-start-results.md / .json.
// Fulmen.Bench run --queues --server-dir DIR --work-dir DIR --bootstrap FILE [--calibrate FILE] [--quick] [--queue-phases api,drain,latency] [--drain-messages N]
//   SQS-compatible queues and event source mappings (docs/benchmarks.md, "Queues and event source mappings"): the SQS
//   API under concurrent senders and receivers, a mapping draining a backlog, and send → handler start at a steady
//   rate (the no-op from --bootstrap stamps its start with NOOP_STAMP); writes queues-results.md / .json. --queue-phases
//   runs only some of them (to compare server builds in --server-dir, docs/benchmarks.md).
// Fulmen.Bench run --topics --server-dir DIR --work-dir DIR --bootstrap FILE [--calibrate FILE] [--quick]
//   Publish → 10 lambda subscriptions, then 10 sqs subscriptions, each with a filter policy the messages match: publishes/s
//   accepted and deliveries/s until the last arrived; writes topics-results.md / .json (docs/benchmarks.md).
// Fulmen.Bench run --s3-notify --server-dir DIR --work-dir DIR --bootstrap FILE [--calibrate FILE] [--quick]
//   PUT object → the function a bucket notification invokes: PUT → handler start at 200 PUTs/s (open loop); writes
//   s3-notify-results.md / .json (docs/benchmarks.md, "Bucket notifications").
// Fulmen.Bench run --s3 --server-dir DIR --work-dir DIR [--calibrate FILE] [--quick]
//   The S3-compatible store (docs/benchmarks.md, "Buckets (S3)"): 4 KiB PUT and GET from closed-loop clients, then one
//   1 GiB (--quick: 256 MiB) upload and download, the same as a multipart upload of 8 MiB parts (4, then 10 in
//   flight) and its download, beside dd's rates on the same disk; writes s3-results.md / .json.
// Fulmen.Bench run --events --server-dir DIR --work-dir DIR --bootstrap FILE [--calibrate FILE] [--quick]
//   PutEvents → a Lambda target with 1, 100 and 1,000 rules on the bus (one matching): send → handler start at a steady
//   rate, then accepted events/s from closed-loop clients; writes events-results.md / .json (docs/benchmarks.md).
// Fulmen.Bench run --schedules --server-dir DIR --work-dir DIR [--calibrate FILE] [--quick]
//   The schedule engine in-process on the real clock (docs/benchmarks.md, "Schedules"): 10,000 schedules at rate(1 minute),
//   due times spread over the minute, then all due at once; lag p50/p99/max from the engine's own lag measure; writes
//   schedules-results.md / .json.
// Fulmen.Bench run --runtime-clients --server-dir DIR --work-dir DIR --node-function DIR --python-function DIR --python FILE [--aws-lambda-ric DIR] [--awslambdaric DIR] [--baseline-runtimes DIR] [--calibrate FILE] [--quick]
//   The same no-op function under each Runtime API client on one server (docs/benchmarks.md, "Runtime clients"): Fulmen's
//   bootstrap.js and bootstrap.py, aws-lambda-ric (its package directory) and awslambdaric (a directory holding the
//   package) as provided.al2023 bootstraps, and Fulmen's bootstraps of another revision (DIR/nodejs/bootstrap.js,
//   DIR/python/bootstrap.py); CPU per warm invoke of the runtime, the server and the client; writes runtime-clients-results.md / .json.
// Fulmen.Bench load --endpoint URL --function NAME [--bootstrap FILE] [--event] [--concurrency N] [--seconds S | --count M]
//   Invokes NAME on a running server in N closed loops for S seconds, or M times one after another
//   (creating it as a provided.al2023 function from --bootstrap first), to watch or profile a server
//   under load (docs/benchmarks.md). --event sends asynchronous invokes (~100-byte payload, 202 expected).
//   Prints the latency summary as JSON.
// Fulmen.Bench async-store --dir DIR [--producers N] [--seconds S] [--postgres URL]
//   N producers appending to a fresh durable queue (SQLite in DIR, or a new database on the PostgreSQL cluster at URL)
//   for S seconds; prints events and the WAL file's size every second (docs/benchmarks.md). Deletes DIR after.
//   With --async, --postgres URL also measures the queue on PostgreSQL (bench/run.sh starts a throw-away cluster).
// Fulmen.Bench bare-server --port P --runtime provided|nodejs --code-dir DIR [--node FILE --bootstrap-js FILE --handler H]
//   The stand-in the run starts for the bare-loop measurements (see Bare/BareServer.cs).

var options = Arguments.Parse(args.Skip(1));
switch (args.FirstOrDefault())
{
    case "bare-server":
        var code = options.Required("--code-dir");
        var runtime = options.Required("--runtime") switch
        {
            "provided" => RuntimeSpec.Provided(code),
            "nodejs" => RuntimeSpec.NodeJs(options.Required("--node"), options.Required("--bootstrap-js"), code, options.Get("--handler") ?? "index.handler"),
            var other => throw new ArgumentException($"Unknown --runtime {other}"),
        };
        return await BareServer.RunAsync(int.Parse(options.Required("--port"), CultureInfo.InvariantCulture), runtime);

    case "run":
        return await RunAsync(options);

    case "load":
        return await LoadAsync(options);

    case "async-store":
        return await StoreSoak.RunAsync(Path.GetFullPath(options.Required("--dir")), options.Get("--postgres"),
            int.Parse(options.Get("--producers") ?? "64", CultureInfo.InvariantCulture),
            double.Parse(options.Get("--seconds") ?? "30", CultureInfo.InvariantCulture));

    default:
        await Console.Error.WriteLineAsync("usage: Fulmen.Bench run … | bare-server … (use bench/run.sh)");
        return 2;
}

static async Task<int> RunAsync(Arguments options)
{
    var quick = options.Flag("--quick");
    var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
    if (options.Get("--concurrency") is { } concurrency)
    {
        settings = settings with { Concurrency = int.Parse(concurrency, CultureInfo.InvariantCulture) };
    }
    var serverDirectory = Path.GetFullPath(options.Required("--server-dir"));
    var work = Directory.CreateDirectory(options.Required("--work-dir")).FullName;
    var wanted = (options.Get("--runtimes") ?? "provided,nodejs").Split(',', StringSplitOptions.RemoveEmptyEntries);

    if (options.Flag("--http-trigger"))
    {
        return await RunHttpTriggerAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--runtime-clients"))
    {
        return await RunRuntimeClientsAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--s3-notify"))
    {
        return await RunBucketNotifyAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--s3"))
    {
        return await Fulmen.Bench.Buckets.BucketsReport.RunAsync(quick, serverDirectory, work, options.Get("--calibrate"));
    }

    if (options.Flag("--events"))
    {
        return await RunEventsAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--topics"))
    {
        return await RunTopicsAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--schedules"))
    {
        return await RunSchedulesAsync(options, quick, work);
    }

    if (options.Flag("--queues"))
    {
        return await RunQueuesAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--script-cold-start"))
    {
        return await RunScriptColdStartAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--dotnet-cold-start"))
    {
        return await RunDotnetColdStartAsync(options, quick, serverDirectory, work);
    }

    if (options.Flag("--async"))
    {
        return await RunAsyncInvocationAsync(options, quick, serverDirectory, work, ProvidedCase(options, work, settings));
    }

    var cases = new List<RuntimeCase>();
    if (wanted.Contains("provided"))
    {
        cases.Add(ProvidedCase(options, work, settings));
    }
    if (wanted.Contains("nodejs"))
    {
        var bootstrapJs = Path.Combine(serverDirectory, "runtimes", "nodejs", "bootstrap.js");
        var node = FindOnPath("node");
        if (node is null || !File.Exists(bootstrapJs))
        {
            await Console.Error.WriteLineAsync($"Skipping nodejs20.x: {(node is null ? "node is not on PATH" : $"{bootstrapJs} is missing")}.");
        }
        else
        {
            var code = Directory.CreateDirectory(Path.Combine(work, "code", "nodejs")).FullName;
            File.Copy(Path.Combine(options.Required("--node-function"), "index.js"), Path.Combine(code, "index.js"), overwrite: true);
            cases.Add(new RuntimeCase("nodejs", "nodejs20.x: no-op `index.handler` on Fulmen's sdk/runtimes/nodejs/bootstrap.js",
                "nodejs20.x", "index.handler", code,
                ["--runtime", "nodejs", "--code-dir", code, "--node", node, "--bootstrap-js", bootstrapJs, "--handler", "index.handler"],
                settings.ColdNode, settings.NodeWarmupSeconds));
        }
    }

    var machine = Report.Machine(quick ? "--quick" : "full");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var suite = new Suite(settings, serverDirectory, work);
    var results = new List<RuntimeResult>();
    foreach (var runtime in cases)
    {
        results.Add(await suite.RunAsync(runtime));
    }

    var markdown = Report.Render(machine, calibration, results, settings.Concurrency);
    Console.WriteLine();
    Console.WriteLine(markdown);
    await File.WriteAllTextAsync(Path.Combine(work, "results.md"), markdown);
    await File.WriteAllTextAsync(Path.Combine(work, "results.json"), JsonSerializer.Serialize(new { machine, calibration, settings, results }, BenchJson.Options));
    Console.WriteLine($"Saved {Path.Combine(work, "results.md")} and results.json.");
    return 0;
}

static RuntimeCase ProvidedCase(Arguments options, string work, BenchSettings settings)
{
    var code = Directory.CreateDirectory(Path.Combine(work, "code", "provided")).FullName;
    var bootstrap = Path.Combine(code, "bootstrap");
    File.Copy(options.Required("--bootstrap"), bootstrap, overwrite: true);
    File.SetUnixFileMode(bootstrap, (UnixFileMode)Convert.ToInt32("755", 8));
    return new RuntimeCase("provided", "provided.al2023: compiled no-op bootstrap (bench/runtimes/noop-bootstrap.c)",
        "provided.al2023", "noop", code, ["--runtime", "provided", "--code-dir", code], settings.ColdProvided, settings.WarmupSeconds);
}

static async Task<int> RunAsyncInvocationAsync(Arguments options, bool quick, string serverDirectory, string work, RuntimeCase function)
{
    var machine = Report.Machine(quick ? "--async --quick" : "--async");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? AsyncSettings.Quick : AsyncSettings.Full;
    var result = await new AsyncSuite(settings, serverDirectory, work, function, options.Get("--postgres")).RunAsync();

    var markdown = AsyncReport.Render(machine, calibration, result);
    await SaveResultsAsync(work, "async", markdown, new { machine, calibration, settings, result });
    return result.EndToEnd.Drain.Remaining == 0 ? 0 : 1;
}

static async Task<int> RunDotnetColdStartAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var machine = Report.Machine(quick ? "--dotnet-cold-start --quick" : "--dotnet-cold-start");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? DotnetColdSettings.Quick : DotnetColdSettings.Full;
    var phases = options.Get("--dotnet-phases") is { } list
        ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
        : DotnetColdSuite.AllPhases;
    var result = await new DotnetColdSuite(settings, serverDirectory, work, Path.GetFullPath(options.Required("--dotnet-function")), options.Get("--bootstrap"), phases).RunAsync();

    var markdown = DotnetColdReport.Render(machine, calibration, settings, result);
    await SaveResultsAsync(work, "dotnet-cold-start", markdown, new { machine, calibration, settings, result });
    var errors = result.Handlers.Sum(h => h.Warm is { } warm ? warm.C1.Latency.Errors + warm.Cn.Latency.Errors : 0)
        + (result.Provided is { } provided ? provided.C1.Latency.Errors + provided.Cn.Latency.Errors : 0);
    return errors == 0 ? 0 : 1;
}

static async Task<int> RunScriptColdStartAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var machine = Report.Machine(quick ? "--script-cold-start --quick" : "--script-cold-start");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? ScriptColdSettings.Quick : ScriptColdSettings.Full;
    var result = await new ScriptColdSuite(settings, serverDirectory, work).RunAsync();
    var markdown = ScriptColdReport.Render(machine, calibration, settings, result);
    await SaveResultsAsync(work, "script-cold-start", markdown, new { machine, calibration, settings, result });
    return result.Handlers.Count > 0 ? 0 : 1;
}

static async Task<int> RunSchedulesAsync(Arguments options, bool quick, string work)
{
    var machine = Report.Machine(quick ? "--schedules --quick" : "--schedules");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? ScheduleSettings.Quick : ScheduleSettings.Full;
    var result = await new ScheduleBench(settings, work).RunAsync();

    var markdown = ScheduleReport.Render(machine, calibration, result);
    await SaveResultsAsync(work, "schedules", markdown, new { machine, calibration, settings, result });
    return result.All(phase => phase.Fired == phase.Expected && phase.Failed == 0) ? 0 : 1;
}

static async Task<int> RunQueuesAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var machine = Report.Machine(quick ? "--queues --quick" : "--queues");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? QueueSettings.Quick : QueueSettings.Full;
    if (options.Get("--drain-messages") is { } drainMessages)
    {
        settings = settings with { DrainMessages = int.Parse(drainMessages, CultureInfo.InvariantCulture) };
    }
    var phases = options.Get("--queue-phases") is { } list
        ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
        : QueueSuite.AllPhases;
    var result = await new QueueSuite(settings, serverDirectory, work, Path.GetFullPath(options.Required("--bootstrap")), phases).RunAsync();

    var markdown = QueueReport.Render(machine, calibration, settings, result);
    await SaveResultsAsync(work, "queues", markdown, new { machine, calibration, settings, result });
    var lost = result.Latency.Sum(l => l.Sent - l.Handled);
    return lost == 0 && (result.Api?.SendBatch.Errors ?? 0) == 0 ? 0 : 1;
}

static async Task<int> RunTopicsAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var machine = Report.Machine(quick ? "--topics --quick" : "--topics");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? TopicsSettings.Quick : TopicsSettings.Full;
    var results = await new TopicsSuite(settings, serverDirectory, work, Path.GetFullPath(options.Required("--bootstrap"))).RunAsync();
    var markdown = TopicsReport.Render(machine, calibration, settings, results);
    await SaveResultsAsync(work, "topics", markdown, new { machine, calibration, settings, results });
    return results.All(r => r.Delivered >= r.Published * r.Subscriptions) ? 0 : 1;
}

static async Task<int> RunRuntimeClientsAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var machine = Report.Machine(quick ? "--runtime-clients --quick" : "--runtime-clients");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? RuntimeClientSettings.Quick : RuntimeClientSettings.Full;
    var node = FindOnPath("node") ?? throw new InvalidOperationException("node is not on PATH.");
    string? FullPath(string name) => options.Get(name) is { } path ? Path.GetFullPath(path) : null;
    var cases = ClientCase.Available(work, node, options.Required("--python"),
        Path.GetFullPath(options.Required("--node-function")), Path.GetFullPath(options.Required("--python-function")),
        FullPath("--aws-lambda-ric"), FullPath("--awslambdaric"), FullPath("--baseline-runtimes"));
    var result = await new RuntimeClientsSuite(settings, serverDirectory, work, cases).RunAsync();
    var versions = $"node {Environment.GetEnvironmentVariable("FULMEN_BENCH_NODE_VERSION") ?? "?"}, {Environment.GetEnvironmentVariable("FULMEN_BENCH_PYTHON_VERSION") ?? "python ?"}";

    var markdown = RuntimeClientsReport.Render(machine, calibration, settings, result, versions);
    await SaveResultsAsync(work, "runtime-clients", markdown, new { machine, calibration, settings, result });
    return result.Phases.All(p => p.Latency.Errors == 0) ? 0 : 1;
}

static async Task<int> RunBucketNotifyAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var machine = Report.Machine(quick ? "--s3-notify --quick" : "--s3-notify");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? BucketNotifySettings.Quick : BucketNotifySettings.Full;
    var result = await new BucketNotifySuite(settings, serverDirectory, work, Path.GetFullPath(options.Required("--bootstrap"))).RunAsync();
    var markdown = BucketNotifyReport.Render(machine, calibration, result);
    await SaveResultsAsync(work, "s3-notify", markdown, new { machine, calibration, settings, result });
    return result.Handled >= result.Sent ? 0 : 1;
}

static async Task<int> RunEventsAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var machine = Report.Machine(quick ? "--events --quick" : "--events");
    var calibration = options.Get("--calibrate") is { } calibrate ? await Report.CalibrateAsync(calibrate, work) : [];
    var settings = quick ? EventsSettings.Quick : EventsSettings.Full;
    var result = await new EventsSuite(settings, serverDirectory, work, Path.GetFullPath(options.Required("--bootstrap"))).RunAsync();
    var markdown = EventsReport.Render(machine, calibration, settings, result);
    await SaveResultsAsync(work, "events", markdown, new { machine, calibration, settings, result });
    return result.Latency.All(l => l.Handled >= l.Sent) ? 0 : 1;
}

static async Task<int> RunHttpTriggerAsync(Arguments options, bool quick, string serverDirectory, string work)
{
    var offline = Path.GetFullPath(options.Required("--offline-dir"));
    var machine = Report.Machine(quick ? "--http-trigger --quick" : "--http-trigger");
    var settings = quick ? HttpTriggerSettings.Quick : HttpTriggerSettings.Full;
    var result = await new HttpTriggerSuite(settings, serverDirectory, work, offline).RunAsync();
    string Version(string package) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(offline, "node_modules", package, "package.json"))).RootElement.GetProperty("version").GetString()!;
    var versions = $"serverless-offline {Version("serverless-offline")} on serverless {Version("serverless")}, node {Environment.GetEnvironmentVariable("FULMEN_BENCH_NODE_VERSION") ?? "?"}";

    var markdown = HttpTriggerReport.Render(machine, settings, result, versions);
    await SaveResultsAsync(work, "http-trigger", markdown, new { machine, settings, result });
    return result.Phases.All(p => p.Wrk.Failures == 0) ? 0 : 1;
}

static async Task<int> LoadAsync(Arguments options)
{
    var endpoint = new Uri(options.Required("--endpoint"));
    var name = options.Required("--function");
    using var api = new Fulmen.Bench.Targets.FulmenApi(endpoint);
    if (options.Get("--bootstrap") is { } bootstrap)
    {
        await api.CreateFunctionAsync(name, "provided.al2023", "noop", Fulmen.Bench.Targets.FulmenApi.Zip([("bootstrap", bootstrap, true)]));
    }
    Func<Task<bool>> operation;
    IDisposable client;
    if (options.Flag("--event"))
    {
        var events = new Fulmen.Bench.Measurement.EventClient(api.InvokeUri(name), EventPayload.Bytes);
        (operation, client) = (events.EnqueueAsync, events);
    }
    else
    {
        var invokes = new Fulmen.Bench.Measurement.InvokeClient(api.InvokeUri(name));
        (operation, client) = (invokes.InvokeAsync, invokes);
    }
    using (client)
    {
        var concurrency = int.Parse(options.Get("--concurrency") ?? "16", CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.Get("--seconds") ?? "10", CultureInfo.InvariantCulture);
        var stats = options.Get("--count") is { } count
            ? await Fulmen.Bench.Measurement.ClosedLoop.SequentialAsync(operation, 2000, int.Parse(count, CultureInfo.InvariantCulture))
            : await Fulmen.Bench.Measurement.ClosedLoop.ConcurrentAsync(concurrency, _ => operation(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds));
        Console.WriteLine(JsonSerializer.Serialize(stats, BenchJson.Options));
        return stats.Errors == 0 ? 0 : 1;
    }
}

static string? FindOnPath(string program) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, program))
        .FirstOrDefault(File.Exists);

/// <summary>Prints a suite's report and writes it as WORK/NAME-results.md, with its data as NAME-results.json.</summary>
static async Task SaveResultsAsync(string work, string name, string markdown, object data)
{
    Console.WriteLine();
    Console.WriteLine(markdown);
    await File.WriteAllTextAsync(Path.Combine(work, $"{name}-results.md"), markdown);
    await File.WriteAllTextAsync(Path.Combine(work, $"{name}-results.json"), JsonSerializer.Serialize(data, BenchJson.Options));
    Console.WriteLine($"Saved {Path.Combine(work, $"{name}-results.md")} and {name}-results.json.");
}

/// <summary><c>--name value</c> pairs and <c>--flag</c>s.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(IEnumerable<string> args)
    {
        var parsed = new Arguments();
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    parsed._values[pending] = null;
                }
                pending = arg;
            }
            else if (pending is not null)
            {
                parsed._values[pending] = arg;
                pending = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument {arg}");
            }
        }
        if (pending is not null)
        {
            parsed._values[pending] = null;
        }
        return parsed;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);

    public string Required(string name) => Get(name) ?? throw new ArgumentException($"{name} is required");
}
