using Fulmen.Bench.Targets;

namespace Fulmen.Bench.RuntimeClients;

/// <summary>How many invokes per phase and round: the full run, or <c>--quick</c>.</summary>
/// <param name="Warmup">Sequential invokes before the first measured round of a client (V8 and CPython warm their hot paths).</param>
/// <param name="Count">Measured invokes per sequential phase and per concurrent phase.</param>
/// <param name="Rounds">The clients take turns this many times; the report gives the median and the range.</param>
internal sealed record RuntimeClientSettings(int Warmup, int Count, int Concurrency, int Rounds)
{
    public static RuntimeClientSettings Full { get; } = new(Warmup: 3000, Count: 10_000, Concurrency: 4, Rounds: 3);
    public static RuntimeClientSettings Quick { get; } = new(Warmup: 1000, Count: 3000, Concurrency: 4, Rounds: 1);
}

/// <summary>One Runtime API client running the same no-op function: its runtime, handler and deployment package.</summary>
internal sealed record ClientCase(string Key, string Title, string Runtime, string Handler, IReadOnlyList<(string Name, string Path, bool Executable)> Files)
{
    public string FunctionName => $"rc-{Key}";

    public byte[] Zip() => FulmenApi.Zip(Files);

    /// <summary>
    /// The cases that can run here: Fulmen's Node.js and Python runtimes, each beside AWS's client for the language
    /// (a <c>provided.al2023</c> function whose bootstrap execs the client's entry, as on a custom runtime), and with
    /// <paramref name="baseline"/> Fulmen's bootstraps of another revision started the same way.
    /// </summary>
    public static List<ClientCase> Available(string work, string node, string python, string nodeFunction, string pythonFunction,
        string? awsLambdaRic, string? awslambdaric, string? baseline)
    {
        var index = (Name: "index.js", Path: Path.Combine(nodeFunction, "index.js"), Executable: false);
        var app = (Name: "app.py", Path: Path.Combine(pythonFunction, "app.py"), Executable: false);
        var cases = new List<ClientCase>
        {
            new("fulmen-node", "Fulmen `bootstrap.js` (nodejs20.x)", "nodejs20.x", "index.handler", [index]),
        };
        if (baseline is not null && File.Exists(Path.Combine(baseline, "nodejs", "bootstrap.js")))
        {
            cases.Add(new("fulmen-node-baseline", "Fulmen `bootstrap.js`, baseline revision (provided.al2023)", "provided.al2023", "index.handler",
                [index, Bootstrap(work, "fulmen-node-baseline", $"exec \"{node}\" \"{Path.Combine(baseline, "nodejs", "bootstrap.js")}\"")]));
        }
        if (awsLambdaRic is not null)
        {
            var version = PackageVersion(awsLambdaRic);
            cases.Add(new("aws-lambda-ric", $"aws-lambda-ric {version} (provided.al2023)", "provided.al2023", "index.handler",
                [index, Bootstrap(work, "aws-lambda-ric", $"exec \"{node}\" \"{Path.Combine(awsLambdaRic, "index.mjs")}\" \"$_HANDLER\"")]));
        }
        cases.Add(new("fulmen-python", "Fulmen `bootstrap.py` (python3.11)", "python3.11", "app.handler", [app]));
        if (baseline is not null && File.Exists(Path.Combine(baseline, "python", "bootstrap.py")))
        {
            cases.Add(new("fulmen-python-baseline", "Fulmen `bootstrap.py`, baseline revision (provided.al2023)", "provided.al2023", "app.handler",
                [app, Bootstrap(work, "fulmen-python-baseline", $"PYTHONUNBUFFERED=1 exec \"{python}\" -u \"{Path.Combine(baseline, "python", "bootstrap.py")}\"")]));
        }
        if (awslambdaric is not null)
        {
            cases.Add(new("awslambdaric", "awslambdaric (provided.al2023)", "provided.al2023", "app.handler",
                [app, Bootstrap(work, "awslambdaric", $"PYTHONPATH=\"{awslambdaric}\" exec \"{python}\" -m awslambdaric \"$_HANDLER\"")]));
        }
        return cases;
    }

    /// <summary>A <c>bootstrap</c> shell script: <c>exec</c> leaves the client itself as the server's child.</summary>
    private static (string, string, bool) Bootstrap(string work, string key, string command)
    {
        var directory = Directory.CreateDirectory(Path.Combine(work, "runtime-clients", key)).FullName;
        var path = Path.Combine(directory, "bootstrap");
        File.WriteAllText(path, $"#!/bin/sh\n{command}\n");
        return ("bootstrap", path, true);
    }

    private static string PackageVersion(string packageDirectory)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(packageDirectory, "package.json")));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
