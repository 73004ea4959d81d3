using Fulmen.Execution.Logs;

namespace Fulmen.Server.Hosting;

/// <summary>
/// Read access to function log streams for <c>fulmen logs</c>: the list of a group's streams, and a
/// stream's bytes from an offset (so a follower asks only for what is new).
/// </summary>
internal static class LogsEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/_fulmen/logs/{functionName}", async (string functionName, LogStore logs) =>
        {
            await logs.FlushAsync();
            var streams = logs.ListStreams($"/aws/lambda/{functionName}")
                .Select(s => new Dictionary<string, object> { ["logStreamName"] = s.Name, ["storedBytes"] = s.Length })
                .ToList();
            return Results.Text(System.Text.Json.JsonSerializer.Serialize(
                new Dictionary<string, object> { ["logStreams"] = streams }, LogsJsonContext.Default.DictionaryStringObject), "application/json");
        });
        app.MapGet("/_fulmen/logs/{functionName}/stream", async (HttpContext context, string functionName, string name, long? from, LogStore logs) =>
        {
            await logs.FlushAsync();
            var stream = logs.ListStreams($"/aws/lambda/{functionName}").FirstOrDefault(s => s.Name == name);
            if (stream is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await using var file = new FileStream(stream.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Clamp(from ?? 0, 0, file.Length);
            // A stream that was rotated since the follower's last read starts again from the beginning.
            file.Position = start <= file.Length ? start : 0;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers["X-Fulmen-Stream-Length"] = file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await file.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<Dictionary<string, object>>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class LogsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
