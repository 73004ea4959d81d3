using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Runs the machine's <c>curl</c>, as a user of a function URL would, and reads back status, headers and body.</summary>
public static class Curl
{
    public sealed record Result(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, string Command)
    {
        public string Text => Encoding.UTF8.GetString(Body);
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>Every value of a header (case-insensitive name).</summary>
        public IReadOnlyList<string> All(string name) =>
            [.. Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

        public string? Header(string name) => All(name) is [var first, ..] ? first : null;

        public override string ToString() => $"{Command}\n→ {Status}\n{string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"))}\n\n{Text}";
    }

    /// <summary>Calls <paramref name="url"/> with the server's test-files directory for curl's scratch files.</summary>
    public static Task<Result> AtAsync(FulmenServer server, string url, params string[] arguments) =>
        RunAsync(TestFunction.FilesDirectory(server), [.. arguments, url]);

    public static async Task<Result> RunAsync(string directory, params string[] arguments)
    {
        var id = Guid.NewGuid().ToString("N");
        var headers = Path.Combine(directory, $"curl-{id}.headers");
        var body = Path.Combine(directory, $"curl-{id}.body");
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-sS", "--max-time", "60", "-D", headers, "-o", body, "-w", "%{http_code}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var command = $"curl {string.Join(' ', arguments)}";
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited {process.ExitCode}: {await stderr}");
        }
        var parsed = File.ReadAllLines(headers)
            .Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .Select(pair => new KeyValuePair<string, string>(pair[0].Trim(), pair[1].Trim()))
            .ToList();
        var status = int.Parse((await stdout).Trim(), CultureInfo.InvariantCulture);
        return new Result(status, parsed, File.Exists(body) ? await File.ReadAllBytesAsync(body) : [], command);
    }
}
