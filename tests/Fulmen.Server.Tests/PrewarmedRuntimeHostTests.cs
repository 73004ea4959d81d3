using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// <c>--prewarmed-node-hosts</c> / <c>--prewarmed-python-hosts</c>: a cold start of a Node.js or Python function takes
/// over a runtime that was started ahead of need (the pool's metrics and the host's process id show it), and that
/// runtime then looks to the function exactly like one started for it; a second function gets a fresh host of its own.
/// </summary>
public sealed class PrewarmedRuntimeHostTests
{
    public static TheoryData<string> Runtimes => ["nodejs", "python"];

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task ColdStarts_TakeWaitingHosts_EachFunctionSeesOnlyItsOwnEnvironment(string runtime)
    {
        await using var server = await FulmenServer.StartAsync("--prewarmed-node-hosts", "1", "--prewarmed-python-hosts", "1");
        using var http = new LambdaHttp(server);
        var first = await WaitForWaitingHostAsync(server, http, runtime, taken: 0, except: []);

        var alpha = await ProbeAsync(server, http, runtime, "alpha");
        Assert.Equal(first, alpha.GetProperty("pid").GetInt32());
        await AssertTakenAsync(http, runtime, 1);

        // The pool starts a replacement; the next function's cold start takes that one, not the first function's process.
        var second = await WaitForWaitingHostAsync(server, http, runtime, taken: 1, except: [first]);
        Assert.NotEqual(first, second);
        var beta = await ProbeAsync(server, http, runtime, "beta");
        Assert.Equal(second, beta.GetProperty("pid").GetInt32());
        await AssertTakenAsync(http, runtime, 2);

        // The first function keeps its own process, warm, with its module state.
        var again = (await http.InvokeAsync("probe-alpha", "{}")).Json;
        Assert.Equal(first, again.GetProperty("pid").GetInt32());
        Assert.Equal(2, again.GetProperty("calls").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task ColdStart_TakenHost_RunsUnderTheFunctionsMemoryLimit(string runtime)
    {
        await using var server = await FulmenServer.StartAsync("--prewarmed-node-hosts", "1", "--prewarmed-python-hosts", "1");
        using var http = new LambdaHttp(server);
        var host = await WaitForWaitingHostAsync(server, http, runtime, taken: 0, except: []);
        // Waiting, it has no memory limit: no function has said one yet.
        Assert.Null(Processes.MemoryLimitBytes(host));
        await http.CreateFunctionAsync("sized", runtime == "nodejs" ? NodeProbe("sized") : PythonProbe("sized"), new JsonObject { ["MemorySize"] = 256 });

        var response = await http.InvokeAsync("sized", "{}", logTail: true);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        Assert.Equal(host, response.Json.GetProperty("pid").GetInt32());
        await AssertTakenAsync(http, runtime, 1);
        // Its cgroup's limit (or its rlimit where no cgroup is writable) is the function's, and the REPORT line says so.
        Assert.Equal(256L * 1024 * 1024, Processes.MemoryLimitBytes(host));
        var log = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(response.Header("X-Amz-Log-Result")!));
        Assert.Matches(@"REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms", log);
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task ColdStart_HandlerMissing_FailsInitInTheTakenHostAsWithoutThePool(string runtime)
    {
        await using var server = await FulmenServer.StartAsync("--prewarmed-node-hosts", "1", "--prewarmed-python-hosts", "1");
        using var http = new LambdaHttp(server);
        var host = await WaitForWaitingHostAsync(server, http, runtime, taken: 0, except: []);
        var function = runtime == "nodejs" ? TestFunctions.NodeEcho : TestFunctions.PythonEcho;
        await http.CreateFunctionAsync("missing", function with { Handler = runtime == "nodejs" ? "index.nope" : "app.nope" });

        var response = await http.InvokeAsync("missing", "{}");
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        Assert.Equal("Runtime.HandlerNotFound", response.Json.GetProperty("errorType").GetString());
        await AssertTakenAsync(http, runtime, 1);
        // The taken runtime exited after reporting its init error, as one started for the function does.
        await WaitForExitAsync(host);
    }

    [Theory]
    [InlineData("nodejs", "NODE_OPTIONS", "--no-deprecation")]
    [InlineData("python", "PYTHONDONTWRITEBYTECODE", "1")]
    public async Task ColdStart_FunctionSetsAStartUpVariable_GetsARuntimeStartedForIt(string runtime, string variable, string value)
    {
        await using var server = await FulmenServer.StartAsync("--prewarmed-node-hosts", "1", "--prewarmed-python-hosts", "1");
        using var http = new LambdaHttp(server);
        var host = await WaitForWaitingHostAsync(server, http, runtime, taken: 0, except: []);
        await http.CreateFunctionAsync("own-start", runtime == "nodejs" ? NodeProbe("own") : PythonProbe("own"), new JsonObject
        {
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { [variable] = value } },
        });

        var response = await http.InvokeAsync("own-start", "{}");
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        Assert.NotEqual(host, response.Json.GetProperty("pid").GetInt32());
        await AssertTakenAsync(http, runtime, 0);
    }

    private static async Task WaitForExitAsync(int pid)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"process {pid} still running after 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Creates <c>probe-NAME</c> with GREETING=NAME, invokes it cold and checks what it saw; returns its answer.</summary>
    private static async Task<JsonElement> ProbeAsync(FulmenServer server, LambdaHttp http, string runtime, string name)
    {
        var function = runtime == "nodejs" ? NodeProbe(name) : PythonProbe(name);
        await http.CreateFunctionAsync($"probe-{name}", function, new JsonObject
        {
            ["Timeout"] = 30,
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["GREETING"] = $"hello {name}" } },
        });
        var response = await http.InvokeAsync($"probe-{name}", "{}", logTail: true);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        var probe = response.Json;

        var taskRoot = probe.GetProperty("taskRoot").GetString()!;
        Assert.StartsWith(server.DataDirectory, taskRoot, StringComparison.Ordinal);
        Assert.Equal(taskRoot, probe.GetProperty("cwd").GetString());
        Assert.Equal($"hello {name}", probe.GetProperty("greeting").GetString());
        Assert.Equal($"probe-{name}", probe.GetProperty("functionName").GetString());
        Assert.Equal(runtime == "nodejs" ? "AWS_Lambda_nodejs20.x" : "AWS_Lambda_python3.12", probe.GetProperty("executionEnv").GetString());
        // Only the function's variables: nothing of the pre-started process is left over.
        Assert.False(probe.GetProperty("prewarmedVariable").GetBoolean());
        // The bundled module resolves from this function's code, and the module state is new.
        Assert.Equal($"helper of {name}", probe.GetProperty("helper").GetString());
        Assert.Equal(Path.Combine(taskRoot, runtime == "nodejs" ? "node_modules/helper/index.js" : "helper.py"), probe.GetProperty("helperFile").GetString());
        Assert.Equal(1, probe.GetProperty("calls").GetInt32());

        // Its output goes to the function's log stream.
        var log = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(response.Header("X-Amz-Log-Result")!));
        Assert.Contains($"probe {name} invoked", log, StringComparison.Ordinal);
        return probe;
    }

    private static TestFunction NodeProbe(string name) => new("nodejs20.x", "index.handler", new Dictionary<string, string>
    {
        ["node_modules/helper/index.js"] = $"module.exports = {{ name: 'helper of {name}', file: __filename }};\n",
        ["index.js"] = $$"""
            const helper = require('helper');
            let calls = 0;
            console.log(`probe {{name}} loaded in ${process.pid}`);
            exports.handler = async () => {
              calls++;
              console.log('probe {{name}} invoked');
              return {
                pid: process.pid, calls, cwd: process.cwd(), taskRoot: process.env.LAMBDA_TASK_ROOT,
                greeting: process.env.GREETING, functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
                executionEnv: process.env.AWS_EXECUTION_ENV, prewarmedVariable: 'FULMEN_PREWARMED' in process.env,
                helper: helper.name, helperFile: helper.file,
              };
            };
            """,
    });

    private static TestFunction PythonProbe(string name) => new("python3.12", "app.handler", new Dictionary<string, string>
    {
        ["helper.py"] = $"NAME = 'helper of {name}'\n",
        ["app.py"] = $$"""
            import os
            import helper

            calls = 0
            print(f"probe {{name}} loaded in {os.getpid()}")

            def handler(event, context):
                global calls
                calls += 1
                print("probe {{name}} invoked")
                return {
                    "pid": os.getpid(), "calls": calls, "cwd": os.getcwd(), "taskRoot": os.environ.get("LAMBDA_TASK_ROOT"),
                    "greeting": os.environ.get("GREETING"), "functionName": os.environ.get("AWS_LAMBDA_FUNCTION_NAME"),
                    "executionEnv": os.environ.get("AWS_EXECUTION_ENV"), "prewarmedVariable": "FULMEN_PREWARMED" in os.environ,
                    "helper": helper.NAME, "helperFile": helper.__file__,
                }
            """,
    });

    /// <summary>
    /// Waits until the pool reports a waiting host with <paramref name="taken"/> taken so far (its metrics), then returns the
    /// process id of the one pre-started runtime of that kind that is not in <paramref name="except"/>.
    /// </summary>
    private static async Task<int> WaitForWaitingHostAsync(FulmenServer server, LambdaHttp http, string runtime, int taken, int[] except)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var metrics = (await http.GetAsync("/metrics")).Body;
            if (Metric(metrics, "fulmen_prewarmed_waiting", runtime) == 1 && Metric(metrics, "fulmen_prewarmed_taken_total", runtime) == taken)
            {
                return Assert.Single(Processes.PrewarmedChildren(server.ProcessId, runtime == "nodejs" ? "bootstrap.js" : "bootstrap.py").Except(except));
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"no pre-started {runtime} host waiting after 60 s\n{metrics}\n{server.Output}");
            await Task.Delay(50);
        }
    }

    private static async Task AssertTakenAsync(LambdaHttp http, string runtime, int taken) =>
        Assert.Equal(taken, Metric((await http.GetAsync("/metrics")).Body, "fulmen_prewarmed_taken_total", runtime));

    private static long Metric(string metrics, string name, string runtime) =>
        metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains($"runtime=\"{runtime}\"", StringComparison.Ordinal))
            is { } line ? long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) : -1;
}
