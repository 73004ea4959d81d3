using System.Text.Json;

namespace Fulmen.Server.Cli.Authoring;

/// <summary>
/// fulmen.json, next to the function's .csproj: what <c>deploy-function</c> creates the function with, in the keys of
/// AWS's aws-lambda-tools-defaults.json. Every key is optional; command-line options win over it.
/// </summary>
internal sealed record FunctionSettings(string? Name, string? Handler, string? Runtime, int? MemorySize, int? Timeout, string? Role)
{
    public const string FileName = "fulmen.json";

    public static FunctionSettings None { get; } = new(null, null, null, null, null, null);

    public static FunctionSettings Read(string path)
    {
        if (!File.Exists(path))
        {
            return None;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            return new FunctionSettings(
                Text(root, "function-name"),
                Text(root, "function-handler"),
                Text(root, "function-runtime"),
                Number(root, "function-memory-size"),
                Number(root, "function-timeout"),
                Text(root, "function-role"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }

    private static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static int? Number(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetInt32() : null;
}
