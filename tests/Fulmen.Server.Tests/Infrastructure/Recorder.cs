using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// A directory that test functions write into (each file is one thing a function saw), and the functions
/// that do it. The directory reaches them through the <c>RECORD_DIR</c> environment variable.
/// </summary>
public sealed class Recorder
{
    public Recorder(FulmenServer server, string name)
    {
        Directory = Path.Combine(server.DataDirectory, $"records-{name}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Function settings that point a function at this directory.</summary>
    public JsonObject Settings(int timeout = 30) => new()
    {
        ["Timeout"] = timeout,
        ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["RECORD_DIR"] = Directory } },
    };

    /// <summary>A destination: writes every event it receives to <c>record-REQUESTID.json</c>.</summary>
    public static TestFunction DestinationFunction { get; } = TestFunctions.Python("""
        import json, os

        def handler(event, context):
            path = os.path.join(os.environ["RECORD_DIR"], f"record-{context.aws_request_id}.json")
            with open(path + ".tmp", "w") as f:
                json.dump(event, f)
            os.rename(path + ".tmp", path)
            return {"recorded": context.aws_request_id}
        """);

    /// <summary>
    /// Counts its attempts per request id (one byte each in <c>attempts-REQUESTID</c>) and raises until the
    /// event's <c>succeedOnAttempt</c> (never, when absent).
    /// </summary>
    public static TestFunction FlakyFunction { get; } = TestFunctions.Python("""
        import os

        def handler(event, context):
            path = os.path.join(os.environ["RECORD_DIR"], f"attempts-{context.aws_request_id}")
            with open(path, "a") as f:
                f.write("x")
            attempt = os.path.getsize(path)
            if attempt < event.get("succeedOnAttempt", 1_000_000):
                raise RuntimeError(f"attempt {attempt} fails")
            return {"attempt": attempt}
        """);

    /// <summary>Sleeps <paramref name="seconds"/>, then marks the event's <c>id</c> as seen (<c>seen-ID</c>).</summary>
    public static TestFunction SlowMarker(double seconds) => TestFunctions.Python($$"""
        import os, time

        def handler(event, context):
            time.sleep({{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}})
            open(os.path.join(os.environ["RECORD_DIR"], f"seen-{event['id']}"), "w").close()
            return {"seen": event["id"]}
        """);

    public IReadOnlyList<string> Files(string prefix) =>
        [.. System.IO.Directory.EnumerateFiles(Directory, prefix + "*").Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))];

    public int Attempts(string requestId) =>
        File.Exists(Path.Combine(Directory, $"attempts-{requestId}")) ? (int)new FileInfo(Path.Combine(Directory, $"attempts-{requestId}")).Length : 0;

    /// <summary>Waits until the destination has received <paramref name="count"/> records; returns them.</summary>
    public async Task<IReadOnlyList<JsonElement>> RecordsAsync(int count, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var files = Files("record-");
            if (files.Count >= count)
            {
                return [.. files.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)];
            }
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"expected {count} destination records within {within}, found {files.Count} in {Directory}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until files starting with <paramref name="prefix"/> number at least <paramref name="count"/>.</summary>
    public async Task<int> WaitForFilesAsync(string prefix, int count, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = Files(prefix).Count;
            if (found >= count || clock.Elapsed > within)
            {
                return found;
            }
            await Task.Delay(100);
        }
    }
}
